using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Symfony's MessageDigestPasswordEncoder defaults: salted = password + "{" + salt + "}" (or just
/// the password when the salt is empty), digest = SHA-512(salted), then 4,999 times
/// SHA-512(digest + salted), stored as standard base64.
/// </summary>
internal sealed class SymfonySha512Hash : PasswordVerifier
{
    private const int Iterations = 5000;
    private const int MaxSaltLength = 1024;

    private readonly byte[] salt;
    private readonly byte[] expected;

    private SymfonySha512Hash(byte[] salt, byte[] expected)
    {
        this.salt = salt;
        this.expected = expected;
    }

    public static Result<PasswordVerifier> Parse(string hash, SymfonyConfig config)
    {
        if (!HashText.TryDecodeBase64(hash, out var digest) || digest.Length != 64)
        {
            return ErrorCatalog.InvalidSymfonySha512Hash.WithMessage(HashText.IsHex(hash) && hash.Length == 128
                ? "The hash looks like hex; it must be the standard base64 of the SHA-512 digest (encode_as_base64: true)."
                : "The hash must be the standard base64 of a 64-byte SHA-512 digest (88 characters).");
        }

        if (config.Salt is null)
        {
            return ErrorCatalog.InvalidSymfonyConfig.WithMessage("symfony_config.salt is required; pass an empty string for users without a salt.");
        }

        if (config.Salt.Contains('{', StringComparison.Ordinal) || config.Salt.Contains('}', StringComparison.Ordinal) || config.Salt.Length > MaxSaltLength)
        {
            return ErrorCatalog.InvalidSymfonyConfig.WithMessage($"symfony_config.salt must not contain {{ or }} (Symfony refuses such salts) and must be at most {MaxSaltLength} characters.");
        }

        return new SymfonySha512Hash(Encoding.UTF8.GetBytes(config.Salt), digest);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        var saltedLength = salt.Length == 0 ? utf8Password.Length : utf8Password.Length + salt.Length + 2;
        Span<byte> salted = saltedLength <= 1024 ? stackalloc byte[saltedLength] : new byte[saltedLength];
        utf8Password.CopyTo(salted);
        if (salt.Length > 0)
        {
            salted[utf8Password.Length] = (byte)'{';
            salt.CopyTo(salted[(utf8Password.Length + 1)..]);
            salted[^1] = (byte)'}';
        }

        using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        Span<byte> digest = stackalloc byte[64];
        sha512.AppendData(salted);
        sha512.GetHashAndReset(digest);
        for (var i = 1; i < Iterations; i++)
        {
            sha512.AppendData(digest);
            sha512.AppendData(salted);
            sha512.GetHashAndReset(digest);
        }

        CryptographicOperations.ZeroMemory(salted);
        return CryptographicOperations.FixedTimeEquals(digest, expected);
    }
}
