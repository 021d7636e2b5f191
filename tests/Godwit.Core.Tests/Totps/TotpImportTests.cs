using Godwit.Core.Security;
using Godwit.Core.Tests.Security;
using Godwit.Core.Totps;
using Godwit.Core.Users;

namespace Godwit.Core.Tests.Totps;

public sealed class TotpImportTests
{
    private static readonly ProjectKeys Keys = TestKeys.NewProject();

    [Fact]
    public void An_imported_totp_is_verified_never_expires_and_holds_its_codes_sealed_and_lower_cased()
    {
        var userId = PrefixedId.New(PrefixedId.User);

        var built = TotpImport.Build(Keys, userId, "jbsw y3dp ehpk 3pxp", ["Legacy-0001", "legacy-0001", "legacy-0002"], DateTime.UtcNow);

        var totp = built.Value;
        Assert.Equal((userId, true, null), (totp.UserId, totp.Verified, totp.ExpiresAt));
        Assert.Equal("JBSWY3DPEHPK3PXP", TotpSecrets.ToBase32(TotpSecrets.OpenSecret(Keys, totp)!));
        Assert.Equal(["legacy-0001", "legacy-0002"], totp.RecoveryCodes.Select(c => System.Text.Encoding.UTF8.GetString(TotpSecrets.OpenRecoveryCode(Keys, c)!)));
        Assert.All(totp.RecoveryCodes, c => Assert.Equal(totp.TotpId, c.TotpId));
    }

    [Fact]
    public void A_bad_user_id_secret_or_code_is_refused()
    {
        var userId = PrefixedId.New(PrefixedId.User);

        Assert.Equal("invalid_user_id", TotpImport.Build(Keys, "legacy-42", "JBSWY3DPEHPK3PXP", null, DateTime.UtcNow).Error?.ErrorType);
        Assert.Equal("bad_request", TotpImport.Build(Keys, userId, "JBSWY3DP", null, DateTime.UtcNow).Error?.ErrorType);
        Assert.Equal("invalid_recovery_code", TotpImport.Build(Keys, userId, "JBSWY3DPEHPK3PXP", ["no spaces allowed"], DateTime.UtcNow).Error?.ErrorType);
    }
}
