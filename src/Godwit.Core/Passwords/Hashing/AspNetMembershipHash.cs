using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// ASP.NET Membership's "Hashed" format with its default SHA-1: base64(SHA1(salt bytes ||
/// UTF-16LE(password))), the salt (aspnet_membership_config.salt) in standard base64.
/// </summary>
internal sealed class AspNetMembershipHash : PasswordVerifier
{
    private const int MaxSaltBytes = 256;

    private readonly byte[] salt;
    private readonly byte[] expected;

    private AspNetMembershipHash(byte[] salt, byte[] expected)
    {
        this.salt = salt;
        this.expected = expected;
    }

    public static Result<PasswordVerifier> Parse(string hash, AspNetMembershipConfig config)
    {
        if (!HashText.TryDecodeBase64(hash, out var digest) || digest.Length != 20)
        {
            return ErrorCatalog.InvalidAspNetMembershipHash.WithMessage(HashText.IsHex(hash) && hash.Length == 40
                ? "The hash looks like hex; ASP.NET Membership stores the standard base64 of the SHA-1 digest (28 characters)."
                : "The hash must be the standard base64 of a 20-byte SHA-1 digest (28 characters).");
        }

        if (string.IsNullOrEmpty(config.Salt))
        {
            return ErrorCatalog.InvalidAspNetMembershipConfig.WithMessage("aspnet_membership_config.salt is required (the PasswordSalt column).");
        }

        if (!HashText.TryDecodeBase64(config.Salt, out var salt) || salt.Length > MaxSaltBytes)
        {
            return ErrorCatalog.InvalidAspNetMembershipConfig.WithMessage($"aspnet_membership_config.salt must be standard base64 of at most {MaxSaltBytes} bytes.");
        }

        return new AspNetMembershipHash(salt, digest);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(salt);
        var utf16 = Encoding.Unicode.GetBytes(password);
        sha1.AppendData(utf16);
        CryptographicOperations.ZeroMemory(utf16);
        Span<byte> actual = stackalloc byte[20];
        sha1.GetHashAndReset(actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
