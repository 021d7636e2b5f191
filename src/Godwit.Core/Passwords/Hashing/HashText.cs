using System.Buffers.Text;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Strict decoders for the encodings hashes arrive in. Strict on purpose: .NET's lenient base64
/// skips whitespace, and a hex string is also valid base64, so leniency turns an exporter's mistake
/// into a hash that silently never matches.
/// </summary>
internal static class HashText
{
    /// <summary>The crypt(3) alphabet used by MD5-crypt, SHA-crypt, phpass and Drupal.</summary>
    public const string Crypt64Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Standard base64 (<c>+/</c>), with or without its <c>=</c> padding.</summary>
    public static bool TryDecodeBase64(string? text, out byte[] bytes) => TryDecode(text, '+', out bytes);

    /// <summary>passlib's "adapted base64": <c>.</c> instead of <c>+</c>, no padding.</summary>
    public static bool TryDecodeAb64(string? text, out byte[] bytes) => TryDecode(text, '.', out bytes);

    public static string EncodeBase64Unpadded(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    public static bool TryDecodeHex(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text) || text.Length % 2 != 0 || !IsHex(text))
        {
            return false;
        }

        bytes = Convert.FromHexString(text);
        return true;
    }

    public static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>
    /// Whether base64 text is more likely hex: lower- or upper-case hex digits only. Random bytes in
    /// base64 are all hex digits with probability (16/64)^n, which is nil from 16 characters on.
    /// </summary>
    public static bool LooksLikeHex(string text) =>
        text.Length >= 16 && IsHex(text) && (text.Equals(text.ToLowerInvariant(), StringComparison.Ordinal) || text.Equals(text.ToUpperInvariant(), StringComparison.Ordinal));

    /// <summary>A non-negative decimal of at most nine digits, no sign, no spaces.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public static bool IsCrypt64(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (Crypt64Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the low <paramref name="count"/> sextets of a 24-bit group, least significant first, as crypt(3) does.</summary>
    public static void AppendCrypt64(Span<byte> destination, ref int position, int b2, int b1, int b0, int count)
    {
        var w = (b2 << 16) | (b1 << 8) | b0;
        for (var i = 0; i < count; i++)
        {
            destination[position++] = (byte)Crypt64Alphabet[w & 0x3f];
            w >>= 6;
        }
    }

    private static bool TryDecode(string? text, char sixtyTwo, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var body = text.AsSpan();
        var padding = 0;
        while (body.Length > 0 && body[^1] == '=')
        {
            body = body[..^1];
            padding++;
        }

        if (body.IsEmpty || body.Length % 4 == 1 || (padding > 0 && (sixtyTwo != '+' || (body.Length + padding) % 4 != 0 || padding > 2)))
        {
            return false;
        }

        Span<char> standard = body.Length <= 1024 ? stackalloc char[((body.Length + 3) / 4) * 4] : new char[((body.Length + 3) / 4) * 4];
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '/')
            {
                standard[i] = c;
            }
            else if (c == sixtyTwo)
            {
                standard[i] = '+';
            }
            else
            {
                return false;
            }
        }

        standard[body.Length..].Fill('=');
        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(standard.Length)];
        if (!Convert.TryFromBase64Chars(standard, decoded, out var written))
        {
            return false;
        }

        bytes = decoded.AsSpan(0, written).ToArray();
        return true;
    }
}
