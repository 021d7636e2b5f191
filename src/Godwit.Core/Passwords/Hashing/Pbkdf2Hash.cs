using System.Security.Cryptography;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>PBKDF2 (RFC 8018) with HMAC-SHA1/256/512: the verifier behind pbkdf_2, Django, passlib, Werkzeug and ASP.NET Identity.</summary>
internal sealed class Pbkdf2Hash : PasswordVerifier
{
    private const int MaxSaltBytes = 1024;

    private readonly HashAlgorithmName prf;
    private readonly int iterations;
    private readonly byte[] salt;
    private readonly byte[] expected;

    private Pbkdf2Hash(HashAlgorithmName prf, int iterations, byte[] salt, byte[] expected)
    {
        this.prf = prf;
        this.iterations = iterations;
        this.salt = salt;
        this.expected = expected;
    }

    /// <summary>Checks iterations, salt and key length; <paramref name="iterationError"/> and <paramref name="error"/> carry the format's error types.</summary>
    public static Result<PasswordVerifier> Create(
        HashAlgorithmName prf, int iterations, byte[] salt, byte[] expected, PasswordHashLimits limits, ApiError iterationError, ApiError error, string what)
    {
        if (iterations < 1 || iterations > limits.Pbkdf2MaxIterations)
        {
            return iterationError.WithMessage($"The {what} iteration count {iterations} is outside 1–{limits.Pbkdf2MaxIterations}.");
        }

        if (salt.Length > MaxSaltBytes)
        {
            return error.WithMessage($"The {what} salt is {salt.Length} bytes; the limit is {MaxSaltBytes}.");
        }

        if (expected.Length < limits.MinKeyLength || expected.Length > limits.MaxKeyLength)
        {
            return error.WithMessage($"The {what} derived key is {expected.Length} bytes; the accepted key lengths are {limits.MinKeyLength}–{limits.MaxKeyLength}.");
        }

        return new Pbkdf2Hash(prf, iterations, salt, expected);
    }

    public static HashAlgorithmName? PrfNamed(string name) => name switch
    {
        "sha1" => HashAlgorithmName.SHA1,
        "sha256" => HashAlgorithmName.SHA256,
        "sha512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        Span<byte> actual = stackalloc byte[expected.Length];
        Rfc2898DeriveBytes.Pbkdf2(utf8Password, salt, actual, iterations, prf);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
