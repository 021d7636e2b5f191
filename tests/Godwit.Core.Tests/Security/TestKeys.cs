using Godwit.Core.Security;

namespace Godwit.Core.Tests.Security;

/// <summary>Encryption keys and rings for tests: new random ones, or fixed ones from their setting form.</summary>
internal static class TestKeys
{
    public static EncryptionKey Key(string setting) => EncryptionKey.TryParse(setting, out var problem) ?? throw new ArgumentException(problem);

    public static EncryptionKey NewKey() => Key(EncryptionKey.NewSetting(DateTimeOffset.UtcNow));

    public static ProjectKeys NewProject() => new(new EncryptionKeyRing([NewKey()], projectSecret: null));
}
