using System.Security.Cryptography;
using System.Text;

namespace Godwit.Core.Security;

/// <summary>
/// Keys derived from the project secret with HKDF, one per purpose, so that no two features share
/// key material and nothing but the secret itself needs to be configured.
/// </summary>
public sealed class ProjectKeys(string projectSecret)
{
    public byte[] OneTimeCodeKey { get; } = Derive(projectSecret, "godwit otp code hash v1");

    public byte[] SigningKeyEncryptionKey { get; } = Derive(projectSecret, "godwit signing key encryption v1");

    private static byte[] Derive(string secret, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Encoding.UTF8.GetBytes(purpose));
}
