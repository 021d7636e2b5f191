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

    private readonly byte[] logPseudonymKey = Derive(projectSecret, "godwit log pseudonym v1");

    /// <summary>
    /// A short keyed digest that stands for a value (an email) in the log: the same value always
    /// gives the same pseudonym, so log lines about one person can be followed, but without the
    /// project secret nobody can test a guessed address against it, as they could an unkeyed hash.
    /// </summary>
    public string LogPseudonym(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(logPseudonymKey, Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));

    /// <summary>Seals TOTP secrets and recovery codes, which must be read back (see <see cref="SecretSeal"/>).</summary>
    public byte[] TotpEncryptionKey { get; } = Derive(projectSecret, "godwit totp secret encryption v1");

    private static byte[] Derive(string secret, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Encoding.UTF8.GetBytes(purpose));
}
