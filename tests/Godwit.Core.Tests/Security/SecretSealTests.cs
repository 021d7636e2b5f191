using System.Text;
using Godwit.Core.Security;

namespace Godwit.Core.Tests.Security;

public sealed class SecretSealTests
{
    private static readonly byte[] Key = new ProjectKeys("secret-live-a").TotpEncryptionKey;

    [Fact]
    public void A_sealed_value_opens_with_the_same_key_and_associated_data_and_hides_the_plaintext()
    {
        var plaintext = Encoding.UTF8.GetBytes("abcd-efgh-ijkl");

        var sealedValue = SecretSeal.Seal(Key, plaintext, "row-1"u8);

        Assert.Equal(12 + 16 + plaintext.Length, sealedValue.Length);
        Assert.True(sealedValue.AsSpan().IndexOf(plaintext) < 0);
        Assert.Equal(plaintext, SecretSeal.Open(Key, sealedValue, "row-1"u8));
        Assert.NotEqual(sealedValue, SecretSeal.Seal(Key, plaintext, "row-1"u8));
    }

    [Fact]
    public void Another_key_another_row_a_flipped_bit_or_a_truncated_value_do_not_open()
    {
        var sealedValue = SecretSeal.Seal(Key, "secret"u8, "row-1"u8);
        var tampered = sealedValue.ToArray();
        tampered[^1] ^= 1;

        Assert.Null(SecretSeal.Open(new ProjectKeys("secret-live-b").TotpEncryptionKey, sealedValue, "row-1"u8));
        Assert.Null(SecretSeal.Open(Key, sealedValue, "row-2"u8));
        Assert.Null(SecretSeal.Open(Key, tampered, "row-1"u8));
        Assert.Null(SecretSeal.Open(Key, sealedValue.AsSpan(0, 20), "row-1"u8));
    }

    [Fact]
    public void The_totp_key_is_its_own()
    {
        var keys = new ProjectKeys("secret-live-a");

        Assert.NotEqual(keys.TotpEncryptionKey, keys.SigningKeyEncryptionKey);
        Assert.NotEqual(keys.TotpEncryptionKey, keys.OneTimeCodeKey);
    }
}
