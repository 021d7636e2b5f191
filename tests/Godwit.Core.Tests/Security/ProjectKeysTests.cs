using Godwit.Core.Security;

namespace Godwit.Core.Tests.Security;

public sealed class ProjectKeysTests
{
    [Fact]
    public void Each_purpose_gets_its_own_key_and_the_same_secret_gives_the_same_keys()
    {
        var keys = new ProjectKeys("secret-live-a");
        var again = new ProjectKeys("secret-live-a");
        var other = new ProjectKeys("secret-live-b");

        Assert.Equal(32, keys.OneTimeCodeKey.Length);
        Assert.NotEqual(keys.OneTimeCodeKey, keys.SigningKeyEncryptionKey);
        Assert.Equal(keys.OneTimeCodeKey, again.OneTimeCodeKey);
        Assert.Equal(keys.SigningKeyEncryptionKey, again.SigningKeyEncryptionKey);
        Assert.NotEqual(keys.OneTimeCodeKey, other.OneTimeCodeKey);
    }
}
