using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Godwit.Core.Security;

/// <summary>
/// One key of the encryption ring (<c>Godwit:EncryptionKeys</c>): 32 random bytes and a short id that
/// every value it seals carries. Each purpose uses its own key derived from it with HKDF, so no two
/// features share key material.
/// </summary>
public sealed class EncryptionKey
{
    public const int KeyBytes = 32;

    private readonly byte[] signingKeySeal;
    private readonly byte[] totpSeal;
    private readonly byte[] oauthSeal;
    private readonly byte[] webhookSeal;

    private EncryptionKey(string? id, byte[] inputKeyMaterial)
    {
        Id = id;
        signingKeySeal = Derive(inputKeyMaterial, "godwit signing key encryption v1");
        totpSeal = Derive(inputKeyMaterial, "godwit totp secret encryption v1");
        oauthSeal = Derive(inputKeyMaterial, "godwit oauth flow encryption v1");
        webhookSeal = Derive(inputKeyMaterial, "godwit webhook secret encryption v1");
        OneTimeCodeKey = Derive(inputKeyMaterial, "godwit otp code hash v1");
        LogPseudonymKey = Derive(inputKeyMaterial, "godwit log pseudonym v1");
    }

    /// <summary>The id sealed values carry; null for the key derived from the project secret, whose values carry none.</summary>
    public string? Id { get; }

    /// <summary>The HMAC key of passcode hashes.</summary>
    internal byte[] OneTimeCodeKey { get; }

    internal byte[] LogPseudonymKey { get; }

    /// <summary>
    /// The key Godwit derived from the project secret before it had a ring (the same HKDF labels,
    /// the secret as input), kept for opening the values sealed then.
    /// </summary>
    internal static EncryptionKey DerivedFromSecret(string projectSecret) => new(null, Encoding.UTF8.GetBytes(projectSecret));

    /// <summary>Reads the setting form, <c>&lt;id&gt;:&lt;base64 of 32 bytes&gt;</c>; the problem when it is not one.</summary>
    public static EncryptionKey? TryParse(string? text, out string? problem)
    {
        var trimmed = (text ?? "").Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var id = colon > 0 ? trimmed[..colon] : "";
        if (!IsValidId(id))
        {
            problem = $"must be <id>:<base64 key>, the id 1 to {SecretSeal.MaxKeyIdLength} letters, digits, '.', '_' or '-'";
            return null;
        }

        if (!LenientBase64.TryDecode(trimmed[(colon + 1)..], out var bytes) || bytes.Length != KeyBytes)
        {
            problem = $"key '{id}' must be the base64 of {KeyBytes} random bytes";
            return null;
        }

        problem = null;
        return new EncryptionKey(id, bytes);
    }

    /// <summary>
    /// A new key in the setting form, to print once for the operator's configuration (or keep in
    /// the development project file): an id that tells its age, the UTC date and four random hex
    /// digits, and 32 random bytes.
    /// </summary>
    public static string NewSetting(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))
        + ":" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= SecretSeal.MaxKeyIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    internal byte[] SealKey(SealPurpose purpose) => purpose switch
    {
        SealPurpose.SigningKey => signingKeySeal,
        SealPurpose.Totp => totpSeal,
        SealPurpose.OAuthFlow => oauthSeal,
        SealPurpose.WebhookSecret => webhookSeal,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    private static byte[] Derive(byte[] inputKeyMaterial, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKeyMaterial, 32, info: Encoding.UTF8.GetBytes(purpose));
}

/// <summary>What a sealed value is; each has its own derived key.</summary>
public enum SealPurpose
{
    /// <summary>The PKCS#8 private half of a JWT signing key.</summary>
    SigningKey,

    /// <summary>TOTP secrets and recovery codes.</summary>
    Totp,

    /// <summary>An OAuth flow's PKCE verifier towards the provider, and the provider's tokens until handed out.</summary>
    OAuthFlow,

    /// <summary>A webhook endpoint's signing secrets.</summary>
    WebhookSecret,
}
