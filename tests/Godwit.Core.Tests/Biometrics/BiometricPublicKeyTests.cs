using System.Security.Cryptography;
using Godwit.Core.Biometrics;
using NSec.Cryptography;

namespace Godwit.Core.Tests.Biometrics;

public sealed class BiometricPublicKeyTests
{
    private static readonly byte[] Data = "challenge bytes"u8.ToArray();

    [Fact]
    public void A_p256_key_as_spki_and_as_raw_point_in_base64_or_base64url_is_one_canonical_key()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        byte[] point = [0x04, .. q.X!, .. q.Y!];

        var fromSpki = BiometricPublicKey.Parse(Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo())).Value;
        var fromPoint = BiometricPublicKey.Parse(Convert.ToBase64String(point)).Value;
        var fromUrl = BiometricPublicKey.Parse(Convert.ToBase64String(point).TrimEnd('=').Replace('+', '-').Replace('/', '_')).Value;

        Assert.Equal(BiometricKeyType.EcdsaP256, fromSpki.Type);
        Assert.Equal(point, fromSpki.Bytes);
        Assert.Equal(point, fromPoint.Bytes);
        Assert.Equal(point, fromUrl.Bytes);
    }

    [Fact]
    public void An_ed25519_key_raw_and_as_spki_is_one_canonical_key()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var raw = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        var fromRaw = BiometricPublicKey.Parse(Convert.ToBase64String(raw)).Value;
        var fromSpki = BiometricPublicKey.Parse(Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.PkixPublicKey))).Value;

        Assert.Equal(BiometricKeyType.Ed25519, fromRaw.Type);
        Assert.Equal(raw, fromRaw.Bytes);
        Assert.Equal(raw, fromSpki.Bytes);
    }

    [Fact]
    public void Ecdsa_signatures_verify_as_der_and_as_r_s_and_fail_for_other_data()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = BiometricPublicKey.Parse(Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo())).Value;
        var der = ecdsa.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var p1363 = ecdsa.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.Null(key.CheckSignatureSize(der));
        Assert.True(key.Verify(Data, der));
        Assert.True(key.Verify(Data, p1363));
        Assert.False(key.Verify("other bytes"u8.ToArray(), p1363));
        Assert.False(key.Verify(Data, [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]));
    }

    [Fact]
    public void Ed25519_signatures_verify_and_a_flipped_bit_does_not()
    {
        using var signer = Key.Create(SignatureAlgorithm.Ed25519);
        var key = BiometricPublicKey.Parse(Convert.ToBase64String(signer.PublicKey.Export(KeyBlobFormat.RawPublicKey))).Value;
        var signature = SignatureAlgorithm.Ed25519.Sign(signer, Data);

        Assert.True(key.Verify(Data, signature));
        signature[0] ^= 1;
        Assert.False(key.Verify(Data, signature));
    }

    [Theory]
    [InlineData(BiometricKeyType.Ed25519, 63)]
    [InlineData(BiometricKeyType.Ed25519, 65)]
    [InlineData(BiometricKeyType.EcdsaP256, 7)]
    [InlineData(BiometricKeyType.EcdsaP256, 73)]
    public void A_signature_of_the_wrong_size_for_its_key_is_refused_before_any_check(BiometricKeyType type, int length)
    {
        var key = new BiometricPublicKey(type, []);
        var signature = new byte[length];
        signature[0] = 0x30;

        Assert.Equal("signature_is_incorrect_size", key.CheckSignatureSize(signature)?.ErrorType);
    }

    [Fact]
    public void Missing_garbage_off_curve_and_foreign_keys_are_named()
    {
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        byte[] offCurve = [0x04, .. Enumerable.Repeat((byte)7, 64)];

        Assert.Equal("public_key_missing", BiometricPublicKey.Parse(null).Error?.ErrorType);
        Assert.Equal("public_key_missing", BiometricPublicKey.Parse("").Error?.ErrorType);
        Assert.Equal("invalid_public_key", BiometricPublicKey.Parse("a b c").Error?.ErrorType);
        Assert.Equal("invalid_public_key", BiometricPublicKey.Parse(Convert.ToBase64String(offCurve)).Error?.ErrorType);
        Assert.Equal("invalid_public_key", BiometricPublicKey.Parse(Convert.ToBase64String(new byte[40])).Error?.ErrorType);
        Assert.Equal("invalid_public_key", BiometricPublicKey.Parse(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())).Error?.ErrorType);
        Assert.Equal("invalid_public_key", BiometricPublicKey.Parse(Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo())).Error?.ErrorType);
    }
}
