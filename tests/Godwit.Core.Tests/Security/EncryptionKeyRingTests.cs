using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Security;

namespace Godwit.Core.Tests.Security;

public sealed class EncryptionKeyRingTests
{
    /// <summary>
    /// Values sealed by Godwit before it had a ring (commit f0c2636, <c>new ProjectKeys(LegacySecret)</c>):
    /// a TOTP secret (RFC 6238's "12345678901234567890") and a recovery code, each with its row id as
    /// associated data, and a signing-key stand-in sealed without associated data.
    /// </summary>
    private const string LegacySecret = "secret-live-legacy-vectors-0123456789abcdef";

    private const string LegacyTotpId = "totp-live-01a24f63-9819-7f8a-9d1c-3bd891213db7";
    private const string LegacyTotpSecret = "a84782b0786e13dd920d6e5417efebff990a73060a52d383a0ea4d78ca964e458e599449418e03fb2cc24b21228d4619";
    private const string LegacyRecoveryCodeId = "totp-recovery-code-live-01a24f63-9828-7bb0-9ef5-10309fb6f1a8";
    private const string LegacyRecoveryCode = "4b8af931ced5a6d16b898d6688d62b0a3dec27a0337e1b0bacf5f7e6c87b58b005b3c86b1f427200626c";
    private const string LegacySigningKey = "b31ff02910441d8c0f85629ee2d5e2dbc2d4ff7ba389ac3958e7b33c26b1115ea1a0fda88d3af78c1ee6d61ee89a8c063cd8a4d019ced746";

    [Fact]
    public void The_first_key_seals_and_every_key_of_the_ring_opens_what_it_sealed()
    {
        var older = TestKeys.NewKey();
        var newer = TestKeys.NewKey();
        var sealedByOlder = new EncryptionKeyRing([older], projectSecret: null).Seal(SealPurpose.Totp, "secret"u8, "row-1"u8);

        var ring = new EncryptionKeyRing([newer, older], projectSecret: null);
        var sealedByRing = ring.Seal(SealPurpose.Totp, "secret"u8, "row-1"u8);

        Assert.Equal((older.Id, "secret"u8.ToArray()), Opened(ring.Open(SealPurpose.Totp, sealedByOlder, "row-1"u8)));
        Assert.Equal((newer.Id, "secret"u8.ToArray()), Opened(ring.Open(SealPurpose.Totp, sealedByRing, "row-1"u8)));
        Assert.True(SecretSeal.TryReadKeyId(sealedByRing, out var keyId, out _));
        Assert.Equal(newer.Id, keyId);
        Assert.Null(new EncryptionKeyRing([newer], projectSecret: null).Open(SealPurpose.Totp, sealedByOlder, "row-1"u8));
        Assert.Null(ring.Open(SealPurpose.Totp, sealedByOlder, "row-2"u8));
        Assert.Null(ring.Open(SealPurpose.SigningKey, sealedByOlder, "row-1"u8));
    }

    [Fact]
    public void Values_sealed_before_the_ring_open_with_the_key_derived_from_their_project_secret_only()
    {
        var ring = new EncryptionKeyRing([TestKeys.NewKey()], LegacySecret);
        var otherSecret = new EncryptionKeyRing([TestKeys.NewKey()], LegacySecret + "-rotated");

        var secret = ring.Open(SealPurpose.Totp, Convert.FromHexString(LegacyTotpSecret), Encoding.UTF8.GetBytes(LegacyTotpId));
        var code = ring.Open(SealPurpose.Totp, Convert.FromHexString(LegacyRecoveryCode), Encoding.UTF8.GetBytes(LegacyRecoveryCodeId));
        var signingKey = ring.Open(SealPurpose.SigningKey, Convert.FromHexString(LegacySigningKey));

        Assert.Equal((null, "12345678901234567890"u8.ToArray()), Opened(secret));
        Assert.Equal((null, "abcd-efgh-ijkl"u8.ToArray()), Opened(code));
        Assert.Equal((null, "a signing key's PKCS#8 bytes"u8.ToArray()), Opened(signingKey));
        Assert.Null(otherSecret.Open(SealPurpose.Totp, Convert.FromHexString(LegacyTotpSecret), Encoding.UTF8.GetBytes(LegacyTotpId)));
        Assert.Null(new EncryptionKeyRing([TestKeys.NewKey()], projectSecret: null).Open(SealPurpose.SigningKey, Convert.FromHexString(LegacySigningKey)));
    }

    [Fact]
    public void A_value_from_before_the_ring_whose_nonce_happens_to_look_like_a_key_id_still_opens()
    {
        // A random nonce begins with "gk1", a length and a configured id now and then; the value
        // must not be taken for one sealed under that key.
        var k1 = TestKeys.Key("k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        var nonce = "gk1\u0002k1"u8.ToArray().Concat(RandomNumberGenerator.GetBytes(6)).ToArray();
        var legacyKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(LegacySecret), 32, info: "godwit totp secret encryption v1"u8.ToArray());
        var value = new byte[12 + 16 + 6];
        nonce.CopyTo(value, 0);
        using (var aes = new AesGcm(legacyKey, 16))
        {
            aes.Encrypt(nonce, "secret"u8, value.AsSpan(28), value.AsSpan(12, 16), "row-1"u8);
        }

        var ring = new EncryptionKeyRing([k1], LegacySecret);

        Assert.True(SecretSeal.TryReadKeyId(value, out var lookalike, out _));
        Assert.Equal("k1", lookalike);
        Assert.Equal((null, "secret"u8.ToArray()), Opened(ring.Open(SealPurpose.Totp, value, "row-1"u8)));
    }

    [Fact]
    public void A_ring_needs_a_key_and_distinct_ids()
    {
        var key = TestKeys.NewKey();

        Assert.Throws<ArgumentException>(() => new EncryptionKeyRing([], "secret"));
        Assert.Throws<ArgumentException>(() => new EncryptionKeyRing([key, TestKeys.Key(key.Id + ":MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")], "secret"));
    }

    private static (string? KeyId, byte[] Plaintext)? Opened(OpenedSecret? opened) => opened is null ? null : (opened.KeyId, opened.Plaintext);
}
