using System.Security.Cryptography;
using System.Text;

namespace Godwit.Core.Security;

/// <summary>
/// The keys Godwit keeps to itself, all from the encryption key ring and none from the API secret,
/// so rotating a leaked API secret voids nothing stored: the ring that seals stored secrets, and
/// keys derived from its newest key for passcode hashes and log pseudonyms.
/// </summary>
public sealed class ProjectKeys(EncryptionKeyRing ring)
{
    public EncryptionKeyRing Encryption => ring;

    /// <summary>
    /// The HMAC key of passcode hashes. It follows the newest key, so making a new key the newest
    /// voids the passcodes in flight (minutes long), nothing else.
    /// </summary>
    public byte[] OneTimeCodeKey => ring.Newest.OneTimeCodeKey;

    /// <summary>
    /// A short keyed digest that stands for a value (an email) in the log: the same value always
    /// gives the same pseudonym, so log lines about one person can be followed, but without the
    /// key nobody (an application holding the API secret included) can test a guessed address
    /// against it, as they could an unkeyed hash.
    /// </summary>
    public string LogPseudonym(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(ring.Newest.LogPseudonymKey, Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));
}
