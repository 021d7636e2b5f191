using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary><c>hmac_sha_256</c>, <c>hmac_sha_512</c>: hex HMAC of the password keyed by hmac_config.key's UTF-8 bytes.</summary>
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

        return new HmacHash(sha512, Encoding.UTF8.GetBytes(config.Key), Convert.FromHexString(hash));
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        Span<byte> actual = stackalloc byte[64];
        var written = sha512 ? HMACSHA512.HashData(key, utf8Password, actual) : HMACSHA256.HashData(key, utf8Password, actual);
        return CryptographicOperations.FixedTimeEquals(actual[..written], expected);
    }
}
