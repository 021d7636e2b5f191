using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Security;

namespace Godwit.Core.Webhooks;

/// <summary>
/// A signing secret in Standard Webhooks' form, <c>whsec_</c> and the base64 of 24 random bytes
/// (192 bits, as the specification recommends at least), sealed at rest with the endpoint id as
/// associated data, so a sealed secret copied into another endpoint's row does not open there.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    private const int KeyBytes = 24;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    public static string Format(byte[] key) => Prefix + Convert.ToBase64String(key);

    public static byte[] Seal(EncryptionKeyRing ring, string endpointId, byte[] key) =>
        ring.Seal(SealPurpose.WebhookSecret, key, Encoding.UTF8.GetBytes(endpointId));

    /// <summary>The key, or null when no key of the ring opens it (the ring lost the key that sealed it).</summary>
    public static byte[]? Open(EncryptionKeyRing ring, string endpointId, byte[] sealedKey) =>
        ring.Open(SealPurpose.WebhookSecret, sealedKey, Encoding.UTF8.GetBytes(endpointId))?.Plaintext;
}
