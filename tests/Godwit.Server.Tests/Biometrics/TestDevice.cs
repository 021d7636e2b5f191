using System.Security.Cryptography;
using NSec.Cryptography;

namespace Godwit.Server.Tests.Biometrics;

/// <summary>
/// A phone's biometric key pair, made in the test: Ed25519 through NSec (what Stytch's mobile SDKs
/// use) or ECDSA P-256 through .NET (what Android KeyStore and the Secure Enclave make).
/// </summary>
internal abstract class TestDevice : IDisposable
{
    /// <summary>The public key as the app sends it.</summary>
    public abstract string PublicKey { get; }

    public static TestDevice Ed25519() => new Ed25519Device();

    /// <summary>P-256; the public key as SubjectPublicKeyInfo, or as the raw uncompressed point.</summary>
    public static TestDevice P256(bool rawPoint = false, bool derSignatures = true) => new P256Device(rawPoint, derSignatures);

    /// <summary>Signs the base64 challenge Godwit issued, answering in base64 as the SDKs do.</summary>
    public string Sign(string challenge) => Convert.ToBase64String(SignBytes(Convert.FromBase64String(challenge)));

    public abstract byte[] SignBytes(byte[] data);

    public abstract void Dispose();

    private sealed class Ed25519Device : TestDevice
    {
        private readonly Key key = Key.Create(SignatureAlgorithm.Ed25519);

        public override string PublicKey => Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

        public override byte[] SignBytes(byte[] data) => SignatureAlgorithm.Ed25519.Sign(key, data);

        public override void Dispose() => key.Dispose();
    }

    private sealed class P256Device(bool rawPoint, bool derSignatures) : TestDevice
    {
        private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public override string PublicKey
        {
            get
            {
                if (!rawPoint)
                {
                    return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
                }

                var q = key.ExportParameters(includePrivateParameters: false).Q;
                return Convert.ToBase64String([0x04, .. q.X!, .. q.Y!]);
            }
        }

        public override byte[] SignBytes(byte[] data) => key.SignData(
            data, HashAlgorithmName.SHA256, derSignatures ? DSASignatureFormat.Rfc3279DerSequence : DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        public override void Dispose() => key.Dispose();
    }
}
