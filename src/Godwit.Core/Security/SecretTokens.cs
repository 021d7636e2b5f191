using System.Security.Cryptography;
using System.Text;

namespace Godwit.Core.Security;

/// <summary>Random tokens and one-time codes, and the only forms in which they are stored.</summary>
public static class SecretTokens
{
    /// <summary>256 random bits as base64url (43 characters).</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A uniformly random six-digit code.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The stored form of a high-entropy token. 256 random bits cannot be guessed offline, so an
    /// unkeyed SHA-256 is enough and lets every process look tokens up without shared state.
    /// </summary>
    public static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>
    /// The stored form of a low-entropy code: keyed, because a million six-digit codes are
    /// enumerable offline from a leaked database.
    /// </summary>
    public static byte[] HashCode(ReadOnlySpan<byte> key, string code) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(code));

    public static bool FixedTimeEquals(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True for strings shaped like a token from <see cref="NewToken"/>: cheap rejection before any lookup.</summary>
    public static bool LooksLikeToken(string? value) =>
        value is { Length: 43 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
