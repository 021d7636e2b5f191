using System.Text;
using Godwit.Core.Security;

namespace Godwit.Core.Tests.Security;

public sealed class SecretSealTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_sealed_value_names_its_key_opens_with_the_same_key_and_associated_data_and_hides_the_plaintext()
    {
        var plaintext = Encoding.UTF8.GetBytes("abcd-efgh-ijkl");

        var sealedValue = SecretSeal.Seal(Key, "20250601-3fa2", plaintext, "row-1"u8);

        Assert.Equal(3 + 1 + 13 + 12 + 16 + plaintext.Length, sealedValue.Length);
        Assert.True(sealedValue.AsSpan().IndexOf(plaintext) < 0);
        Assert.True(SecretSeal.TryReadKeyId(sealedValue, out var keyId, out var boxStart));
        Assert.Equal(("20250601-3fa2", 17), (keyId, boxStart));
        Assert.Equal("gk1\r20250601-3fa2"u8.ToArray(), sealedValue[..17]);
        Assert.Equal(plaintext, SecretSeal.OpenBox(Key, sealedValue.AsSpan(boxStart), "row-1"u8));
        Assert.NotEqual(sealedValue, SecretSeal.Seal(Key, "20250601-3fa2", plaintext, "row-1"u8));
    }

    [Fact]
    public void Another_key_another_row_a_flipped_bit_or_a_truncated_value_do_not_open()
    {
        var sealedValue = SecretSeal.Seal(Key, "k1", "secret"u8, "row-1"u8);
        var box = sealedValue[6..];
        var tampered = box.ToArray();
        tampered[^1] ^= 1;

        Assert.Null(SecretSeal.OpenBox(new byte[32], box, "row-1"u8));
        Assert.Null(SecretSeal.OpenBox(Key, box, "row-2"u8));
        Assert.Null(SecretSeal.OpenBox(Key, tampered, "row-1"u8));
        Assert.Null(SecretSeal.OpenBox(Key, box.AsSpan(0, 20), "row-1"u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("676b31")]                                                           // the mark alone
    [InlineData("676b3100")]                                                         // an empty id
    [InlineData("686b31026b3100000000000000000000000000000000000000000000000000000000")] // no mark
    [InlineData("676b31026b310000")]                                                 // an id, but no room for a box
    [InlineData("676b31026b2000000000000000000000000000000000000000000000000000000000")] // a space in the id
    [InlineData("676b31216b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b00000000000000000000000000000000000000000000000000000000")] // 33 characters
    public void A_value_without_a_well_formed_key_id_names_none(string hex)
    {
        // The control: the same shape with a mark, a good id and room for a box names its key.
        Assert.True(SecretSeal.TryReadKeyId(Convert.FromHexString("676b31026b3100000000000000000000000000000000000000000000000000000000"), out _, out _));
        Assert.False(SecretSeal.TryReadKeyId(Convert.FromHexString(hex), out var keyId, out _));
        Assert.Null(keyId);
    }

    [Fact]
    public void An_id_that_could_not_be_read_back_is_refused_when_sealing()
    {
        Assert.Throws<ArgumentException>(() => SecretSeal.Seal(Key, "has:colon", "x"u8));
        Assert.Throws<ArgumentException>(() => SecretSeal.Seal(Key, new string('k', 33), "x"u8));
    }
}
