using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// <c>hmac_sha_256</c>, <c>hmac_sha_512</c>: hex HMAC of the password keyed by hmac_config.key, whose
/// bytes are its UTF-8 text or, with <c>key_encoding</c> <c>hex</c> or <c>base64</c>, the bytes it
/// encodes: applications often keep a random binary key, which has no UTF-8 text.
/// </summary>
internal sealed class HmacHash : PasswordVerifier
{
    private const int MaxKeyLength = 1024;

    private readonly bool sha512;
    private readonly byte[] key;
    private readonly byte[] expected;

    private HmacHash(bool sha512, byte[] key, byte[] expected)
    {
        this.sha512 = sha512;
        this.key = key;
        this.expected = expected;
    }

    public static Result<PasswordVerifier> Parse(string hashType, string hash, HmacConfig config)
    {
        var sha512 = hashType == HashTypes.HmacSha512;
        var error = sha512 ? ErrorCatalog.InvalidHmacSha512Hash : ErrorCatalog.InvalidHmacSha256Hash;
        var digestBytes = sha512 ? 64 : 32;
        if (!HashText.IsHex(hash))
        {
            return error.WithMessage($"The hash must be the hex HMAC ({digestBytes * 2} hex characters); it contains a character that is not hex.");
        }

        if (hash.Length != digestBytes * 2)
        {
            return error.WithMessage($"The hash is {hash.Length} hex characters but {hashType} digests are {digestBytes * 2}.");
        }

        if (string.IsNullOrEmpty(config.Key))
        {
            return ErrorCatalog.InvalidHmacConfig.WithMessage("hmac_config.key is required.");
        }

        if (config.Key.Length > MaxKeyLength)
        {
            return ErrorCatalog.InvalidHmacConfig.WithMessage($"hmac_config.key is {config.Key.Length} characters; the limit is {MaxKeyLength}.");
        }

        var key = DecodeKey(config.Key, config.KeyEncoding);
        return key.Succeeded ? new HmacHash(sha512, key.Value!, Convert.FromHexString(hash)) : key.Error!;
    }

    private static Result<byte[]> DecodeKey(string key, string? encoding)
    {
        switch (encoding)
        {
            case null or "utf8":
                return Encoding.UTF8.GetBytes(key);
            case "hex":
                return HashText.TryDecodeHex(key, out var hexKey)
                    ? hexKey
                    : ErrorCatalog.InvalidHmacConfig.WithMessage("hmac_config.key is not hex: key_encoding hex needs an even number of the characters 0-9, a-f, A-F.");
            case "base64":
                return HashText.TryDecodeBase64(key, out var base64Key)
                    ? base64Key
                    : ErrorCatalog.InvalidHmacConfig.WithMessage("hmac_config.key is not base64: key_encoding base64 needs standard base64 (A-Z, a-z, 0-9, + and /, padding optional).");
            default:
                return ErrorCatalog.InvalidHmacConfig.WithMessage($"hmac_config.key_encoding '{encoding}' is not one of utf8, hex, base64.");
        }
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        Span<byte> actual = stackalloc byte[64];
        var written = sha512 ? HMACSHA512.HashData(key, utf8Password, actual) : HMACSHA256.HashData(key, utf8Password, actual);
        return CryptographicOperations.FixedTimeEquals(actual[..written], expected);
    }
}
