using Godwit.Core.Security;

namespace Godwit.Core.Tests.Security;

public sealed class ProjectKeysTests
{
    [Fact]
    public void The_passcode_and_pseudonym_keys_follow_the_newest_encryption_key_and_not_the_api_secret()
    {
        var older = TestKeys.NewKey();
        var newer = TestKeys.NewKey();

        var before = new ProjectKeys(new EncryptionKeyRing([older], "secret-live-a-0123456789abcdef0123456789"));
        var secretRotated = new ProjectKeys(new EncryptionKeyRing([older], "secret-live-b-0123456789abcdef0123456789"));
        var keyRotated = new ProjectKeys(new EncryptionKeyRing([newer, older], "secret-live-a-0123456789abcdef0123456789"));

        Assert.Equal(32, before.OneTimeCodeKey.Length);
        Assert.Equal(before.OneTimeCodeKey, secretRotated.OneTimeCodeKey);
        Assert.Equal(before.LogPseudonym("ada@example.com"), secretRotated.LogPseudonym("ada@example.com"));
        Assert.NotEqual(before.OneTimeCodeKey, keyRotated.OneTimeCodeKey);
        Assert.NotEqual(before.LogPseudonym("ada@example.com"), keyRotated.LogPseudonym("ada@example.com"));
        Assert.NotEqual(before.LogPseudonym("ada@example.com"), before.LogPseudonym("bob@example.com"));
    }
}
