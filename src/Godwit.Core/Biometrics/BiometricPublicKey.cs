using System.Security.Cryptography;
using Godwit.Core.Errors;
using Godwit.Core.Security;
using NSec.Cryptography;

namespace Godwit.Core.Biometrics;

/// <summary>
/// A device public key in its canonical stored form: Ed25519 as its 32 raw bytes (what Stytch's mobile
/// SDKs send), ECDSA P-256 as the 65-byte uncompressed point. Clients may send either kind raw or as
/// a SubjectPublicKeyInfo, in base64 or base64url; every form of one key canonicalises to the same bytes,
/// so one key cannot be registered twice under two spellings.
/// </summary>
public sealed record BiometricPublicKey(BiometricKeyType Type, byte[] Bytes)
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const int Ed25519SignatureBytes = 64;
    private const int P1363SignatureBytes = 64;

    /// <summary>The longest DER encoding of a P-256 ECDSA signature: SEQUENCE of two 33-byte INTEGERs.</summary>
    private const int MaxDerSignatureBytes = 72;

    public static Result<BiometricPublicKey> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ErrorCatalog.PublicKeyMissing;
        }

        if (!LenientBase64.TryDecode(text, out var bytes))
        {
            return ErrorCatalog.InvalidBiometricPublicKey.WithMessage("public_key is not base64.");
        }

        var parsed = bytes switch
        {
            { Length: 32 } => Ed25519Raw(bytes),
            { Length: 65 } when bytes[0] == 0x04 => P256Point(bytes),
            _ => P256SubjectPublicKeyInfo(bytes) ?? Ed25519SubjectPublicKeyInfo(bytes),
        };
        return parsed is null ? ErrorCatalog.InvalidBiometricPublicKey : parsed;
    }

    /// <summary>The signature bytes of a request: missing and non-base64 signatures are told apart.</summary>
    public static Result<byte[]> DecodeSignature(string? text) =>
        string.IsNullOrEmpty(text) ? ErrorCatalog.SignatureMissing
        : LenientBase64.TryDecode(text, out var bytes) ? bytes
        : ErrorCatalog.CouldNotParseBiometricSignature;

    /// <summary>Refuses a signature that cannot be one this key made, before any challenge is spent.</summary>
    public ApiError? CheckSignatureSize(byte[] signature) => Type switch
    {
        BiometricKeyType.Ed25519 when signature.Length != Ed25519SignatureBytes => ErrorCatalog.SignatureIsIncorrectSize,
        BiometricKeyType.EcdsaP256 when signature.Length != P1363SignatureBytes && (signature.Length > MaxDerSignatureBytes || signature.Length < 8 || signature[0] != 0x30) => ErrorCatalog.SignatureIsIncorrectSize,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="signature"/> is this key's signature of <paramref name="data"/>: Ed25519
    /// (RFC 8032), or ECDSA with SHA-256 as r||s (IEEE P1363, as WebCrypto and iOS write it) or DER (as
    /// Android's SHA256withECDSA writes it).
    /// </summary>
    public bool Verify(byte[] data, byte[] signature)
    {
        if (Type == BiometricKeyType.Ed25519)
        {
            return PublicKey.TryImport(SignatureAlgorithm.Ed25519, Bytes, KeyBlobFormat.RawPublicKey, out var key)
                && key is not null
                && SignatureAlgorithm.Ed25519.Verify(key, data, signature);
        }

        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Bytes[1..33], Y = Bytes[33..] },
        });
        var format = signature.Length == P1363SignatureBytes ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;
        return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, format);
    }

    private static BiometricPublicKey? Ed25519Raw(byte[] bytes) =>
        PublicKey.TryImport(SignatureAlgorithm.Ed25519, bytes, KeyBlobFormat.RawPublicKey, out _)
            ? new BiometricPublicKey(BiometricKeyType.Ed25519, bytes)
            : null;

    private static BiometricPublicKey? Ed25519SubjectPublicKeyInfo(byte[] bytes) =>
        PublicKey.TryImport(SignatureAlgorithm.Ed25519, bytes, KeyBlobFormat.PkixPublicKey, out var key) && key is not null
            ? new BiometricPublicKey(BiometricKeyType.Ed25519, key.Export(KeyBlobFormat.RawPublicKey))
            : null;

    private static BiometricPublicKey? P256Point(byte[] bytes)
    {
        try
        {
            // Importing checks that the point lies on the curve.
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = bytes[1..33], Y = bytes[33..] },
            });
            return Canonical(ecdsa);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static BiometricPublicKey? P256SubjectPublicKeyInfo(byte[] bytes)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(bytes, out var read);
            return read == bytes.Length ? Canonical(ecdsa) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static BiometricPublicKey? Canonical(ECDsa ecdsa)
    {
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid?.Value != P256Oid && parameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            return null;
        }

        return new BiometricPublicKey(BiometricKeyType.EcdsaP256, [0x04, .. parameters.Q.X!, .. parameters.Q.Y!]);
    }
}
