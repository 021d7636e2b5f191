using System.Security.Cryptography;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>scrypt (RFC 7914) through libsodium: the verifier behind <c>scrypt</c>, Werkzeug's and Django's scrypt.</summary>
internal sealed class ScryptHash : PasswordVerifier
{
    private const int MaxSaltBytes = 1024;

    private readonly byte[] salt;
    private readonly ulong n;
    private readonly uint r;
    private readonly uint p;
    private readonly byte[] expected;

    public ScryptHash(byte[] salt, long n, int r, int p, byte[] expected)
    {
        this.salt = salt;
        this.n = (ulong)n;
        this.r = (uint)r;
        this.p = (uint)p;
        this.expected = expected;
    }

    /// <summary>Why N is unusable, or null. N must be a power of two above 1 (RFC 7914) and within the limit.</summary>
    public static string? NProblem(long n, PasswordHashLimits limits) =>
        n < 2 || (n & (n - 1)) != 0 ? $"scrypt N {n} is not a power of two greater than 1."
        : n > limits.ScryptMaxN ? $"scrypt N {n} exceeds the limit of {limits.ScryptMaxN}."
        : null;

    /// <summary>Why r, p or their cost with N is unusable, or null. 128·N·r·p bytes bounds both memory and time.</summary>
    public static string? CostProblem(long n, long r, long p, PasswordHashLimits limits)
    {
        if (r < 1 || p < 1)
        {
            return $"scrypt r ({r}) and p ({p}) must be at least 1.";
        }

        if (r * p >= 1 << 30)
        {
            return $"scrypt r·p ({r * p}) must be below 2^30.";
        }

        var mib = (decimal)128 * n * r * p / (1024 * 1024);
        return mib > limits.ScryptMaxMemoryMiB
            ? $"scrypt N·r·p·128 bytes is {mib:0.#} MiB (N {n}, r {r}, p {p}), over the limit of {limits.ScryptMaxMemoryMiB} MiB."
            : null;
    }

    public static string? SaltProblem(int saltBytes) =>
        saltBytes < 1 ? "The scrypt salt is empty."
        : saltBytes > MaxSaltBytes ? $"The scrypt salt is {saltBytes} bytes; the limit is {MaxSaltBytes}."
        : null;

    public static string? KeyLengthProblem(int keyLength, PasswordHashLimits limits) =>
        keyLength < limits.MinKeyLength || keyLength > limits.MaxKeyLength
            ? $"The scrypt key length {keyLength} is outside {limits.MinKeyLength}–{limits.MaxKeyLength} bytes."
            : null;

    /// <summary>
    /// Checks every scrypt parameter for a Godwit format, where all problems share one error type.
    /// </summary>
    public static Result<PasswordVerifier> Create(byte[] salt, long n, int r, int p, byte[] expected, PasswordHashLimits limits, ApiError error)
    {
        var problem = NProblem(n, limits) ?? CostProblem(n, r, p, limits) ?? SaltProblem(salt.Length) ?? KeyLengthProblem(expected.Length, limits);
        return problem is null ? new ScryptHash(salt, n, r, p, expected) : error.WithMessage(problem);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        Span<byte> actual = stackalloc byte[expected.Length];
        return Sodium.Scrypt(utf8Password, salt, n, r, p, actual) && CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
