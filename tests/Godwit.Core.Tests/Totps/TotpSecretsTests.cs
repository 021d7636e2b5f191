using Godwit.Core.Security;
using Godwit.Core.Tests.Security;
using Godwit.Core.Totps;
using Godwit.Core.Users;

namespace Godwit.Core.Tests.Totps;

public sealed class TotpSecretsTests
{
    [Fact]
    public void New_secrets_are_160_random_bits_written_as_32_base32_characters()
    {
        var secret = TotpSecrets.NewSecret();

        Assert.Equal(20, secret.Length);
        Assert.Matches("^[A-Z2-7]{32}$", TotpSecrets.ToBase32(secret));
        Assert.NotEqual(secret, TotpSecrets.NewSecret());
    }

    [Fact]
    public void Recovery_codes_are_ten_distinct_codes_in_stytchs_shape()
    {
        var codes = TotpSecrets.NewRecoveryCodes();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$", code));
    }

    [Theory]
    [InlineData("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 20)]
    [InlineData("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", 20)]
    [InlineData("JBSWY3DPEHPK3PXP", 10)]
    [InlineData("JBSWY3DPEHPK3PXP====", 10)]
    public void Base32_secrets_are_read_ignoring_case_spaces_and_padding(string text, int bytes)
    {
        Assert.True(TotpSecrets.TryParseBase32(text, out var secret));
        Assert.Equal(bytes, secret.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("JBSWY3DPEHPK3PX1")]
    [InlineData("JBSWY3DP")]
    [InlineData("not base32!")]
    public void Anything_else_is_not_a_secret(string text) => Assert.False(TotpSecrets.TryParseBase32(text, out _));

    [Theory]
    [InlineData(" ABCD-efgh-1234 ", true, "abcd-efgh-1234")]
    [InlineData("legacy0001", true, "legacy0001")]
    [InlineData("1234567", false, "")]
    [InlineData("abcd efgh", false, "")]
    [InlineData("abcd_efgh", false, "")]
    public void Recovery_codes_are_compared_trimmed_and_lower_cased(string code, bool valid, string normalized)
    {
        Assert.Equal(valid, TotpSecrets.TryNormalizeRecoveryCode(code, out var result));
        if (valid)
        {
            Assert.Equal(normalized, result);
        }
    }

    [Theory]
    [InlineData("012345", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("12345a", false)]
    [InlineData("١٢٣٤٥٦", false)]
    public void A_totp_code_is_six_ascii_digits(string code, bool valid) => Assert.Equal(valid, TotpSecrets.IsTotpCode(code));

    [Fact]
    public void A_sealed_totp_opens_only_in_its_own_row_and_under_its_own_keys()
    {
        var keys = TestKeys.NewProject();
        var secret = TotpSecrets.NewSecret();

        var totp = TotpSecrets.Seal(keys, PrefixedId.New(PrefixedId.User), secret, ["abcd-efgh-ijkl"], verified: false, DateTime.UtcNow, DateTime.UtcNow.AddDays(1));
        var moved = new UserTotp { TotpId = PrefixedId.New(PrefixedId.Totp), UserId = totp.UserId, EncryptedSecret = totp.EncryptedSecret };

        Assert.Equal(secret, TotpSecrets.OpenSecret(keys, totp));
        Assert.Null(TotpSecrets.OpenSecret(keys, moved));
        Assert.Null(TotpSecrets.OpenSecret(TestKeys.NewProject(), totp));
        Assert.Equal("abcd-efgh-ijkl"u8.ToArray(), TotpSecrets.OpenRecoveryCode(keys, Assert.Single(totp.RecoveryCodes)));
    }
}
