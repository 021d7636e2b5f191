using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>How the password is turned into bcrypt's input.</summary>
internal enum BcryptPreHash
{
    /// <summary><c>bcrypt</c>, Django's <c>bcrypt$</c>: the password itself.</summary>
    None,

    /// <summary><c>devise_bcrypt</c>: password followed by the pepper.</summary>
    Pepper,

    /// <summary><c>bcrypt_sha_256</c> (hex), Django's <c>bcrypt_sha256$</c>: lower-case hex SHA-256 of the password.</summary>
    Sha256Hex,

    /// <summary><c>bcrypt_sha_256</c> with pre_hash_encoding base64: padded standard base64 SHA-256.</summary>
    Sha256Base64,
}

/// <summary>bcrypt through BCrypt.Net-Next, with an optional pre-hash for the formats that wrap it.</summary>
internal sealed class BcryptHash : PasswordVerifier
{
    private const int SaltPrefixLength = 29;
    private const int Length = 60;

    private readonly string saltPrefix;
    private readonly byte[] expectedChecksum;
    private readonly BcryptPreHash preHash;
    private readonly string pepper;

    private BcryptHash(string hash, BcryptPreHash preHash, string pepper)
    {
        saltPrefix = hash[..SaltPrefixLength];
        expectedChecksum = Encoding.ASCII.GetBytes(hash[SaltPrefixLength..]);
        this.preHash = preHash;
        this.pepper = pepper;
    }

    /// <summary>
    /// Accepts <c>$2a$</c>, <c>$2b$</c>, <c>$2y$</c> (the same algorithm; they differ only in which
    /// historic bug they declare fixed) with a two-digit cost and 53 characters of bcrypt base64.
    /// </summary>
    public static Result<PasswordVerifier> Parse(
        string hash, BcryptPreHash preHash, string pepper, PasswordHashLimits limits, ApiError hashError, ApiError costError, string what = "bcrypt hash")
    {
        if (hash.Length != Length || hash[0] != '$' || hash[1] != '2' || hash[2] is not ('a' or 'b' or 'y') || hash[3] != '$' || hash[6] != '$')
        {
            return hashError.WithMessage($"The {what} must be 60 characters shaped $2b$NN$ + 53 characters (prefix $2a$, $2b$ or $2y$); got {Describe(hash)}.");
        }

        if (!HashText.TryParseDecimal(hash.AsSpan(4, 2), out var cost))
        {
            return hashError.WithMessage($"The {what} cost '{hash.Substring(4, 2)}' is not two digits.");
        }

        foreach (var c in hash.AsSpan(7))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '/'))
            {
                return hashError.WithMessage($"The {what} salt and checksum must be bcrypt base64 (./A-Za-z0-9); found '{c}'.");
            }
        }

        if (cost < PasswordHashLimits.BcryptMinCost)
        {
            return costError.WithMessage($"bcrypt cost {cost} is below bcrypt's minimum of {PasswordHashLimits.BcryptMinCost}.");
        }

        if (cost > limits.BcryptMaxCost)
        {
            return costError.WithMessage($"bcrypt cost {cost} exceeds the limit of {limits.BcryptMaxCost}.");
        }

        return new BcryptHash(hash, preHash, pepper);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        var input = preHash switch
        {
            BcryptPreHash.Pepper => password + pepper,
            BcryptPreHash.Sha256Hex => Convert.ToHexStringLower(SHA256.HashData(utf8Password)),
            BcryptPreHash.Sha256Base64 => Convert.ToBase64String(SHA256.HashData(utf8Password)),
            _ => password,
        };

        // Hash with the stored salt and compare only the checksum: a salt whose last character
        // carries unused bits decodes to the same salt but re-encodes differently.
        var computed = BCrypt.Net.BCrypt.HashPassword(input, saltPrefix);
        Span<byte> actual = stackalloc byte[Length - SaltPrefixLength];
        if (computed.Length != Length || Encoding.ASCII.GetBytes(computed.AsSpan(SaltPrefixLength), actual) != actual.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(actual, expectedChecksum);
    }

    private static string Describe(string hash) =>
        hash.Length > 12 ? $"{hash.Length} characters starting '{hash[..7]}'" : $"'{hash}'";
}
