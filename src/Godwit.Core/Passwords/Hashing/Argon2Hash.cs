using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using NSec.Cryptography;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>The error types an Argon2 problem maps to: Stytch's for argon_2i/argon_2id, one type for Godwit formats.</summary>
internal sealed record Argon2Errors(ApiError Format, ApiError Salt, ApiError Iterations, ApiError Memory, ApiError Threads, ApiError KeyLength)
{
    public static Argon2Errors Stytch { get; } = new(
        ErrorCatalog.InvalidHash, ErrorCatalog.InvalidArgon2Salt, ErrorCatalog.InvalidArgon2IterationAmount,
        ErrorCatalog.InvalidArgon2Memory, ErrorCatalog.InvalidArgon2Threads, ErrorCatalog.InvalidArgon2KeyLength);

    public static Argon2Errors All(ApiError error) => new(error, error, error, error, error, error);
}

/// <summary>
/// Argon2i and Argon2id, version 1.3 (v=19), the only version libsodium and current libraries write.
/// Argon2id with one lane and a 16-byte salt (Godwit's own hashes, most migrated ones) is verified
/// through NSec and compared here; anything else through libsodium's PHC verifier.
/// </summary>
internal sealed class Argon2Hash : PasswordVerifier
{
    private const int MinSaltBytes = 8;
    private const int MaxSaltBytes = 1024;

    private readonly byte[] salt;
    private readonly byte[] expected;
    private readonly byte[] phcWithNul;

    private Argon2Hash(bool argon2id, int memoryKiB, int iterations, int threads, byte[] salt, byte[] expected)
    {
        IsArgon2id = argon2id;
        MemoryKiB = memoryKiB;
        Iterations = iterations;
        Threads = threads;
        this.salt = salt;
        this.expected = expected;
        Phc = $"${(argon2id ? "argon2id" : "argon2i")}$v=19$m={memoryKiB},t={iterations},p={threads}${HashText.EncodeBase64Unpadded(salt)}${HashText.EncodeBase64Unpadded(expected)}";
        phcWithNul = Encoding.ASCII.GetBytes(Phc + "\0");
    }

    public bool IsArgon2id { get; }

    public int MemoryKiB { get; }

    public int Iterations { get; }

    public int Threads { get; }

    /// <summary>The canonical PHC string: <c>$argon2id$v=19$m=..,t=..,p=..$salt$hash</c>, unpadded base64.</summary>
    public string Phc { get; }

    /// <summary>Godwit's own hash, fresh from NSec.</summary>
    public static Argon2Hash ForDefault(int memoryKiB, int iterations, byte[] salt, byte[] output) =>
        new(true, memoryKiB, iterations, 1, salt, output);

    /// <summary>
    /// Reads <c>$argon2i$</c> or <c>$argon2id$</c> PHC text: optional <c>v=19</c>, then exactly
    /// <c>m</c>, <c>t</c>, <c>p</c> in that order (as the reference encoder writes them), then salt
    /// and hash in base64.
    /// </summary>
    public static Result<Argon2Hash> ParsePhc(string text, bool argon2id, PasswordHashLimits limits, Argon2Errors errors, string what)
    {
        var parts = text.Split('$');
        var variant = argon2id ? "argon2id" : "argon2i";
        if (parts.Length < 2 || parts[0].Length != 0 || !parts[1].StartsWith("argon2", StringComparison.Ordinal))
        {
            return errors.Format.WithMessage($"The {what} is not an encoded ${variant}$ string.");
        }

        if (parts[1] != variant)
        {
            return errors.Format.WithMessage($"The {what} is a ${parts[1]}$ string but ${variant}$ was expected.");
        }

        var index = 2;
        if (parts.Length == 6)
        {
            if (parts[2] != "v=19")
            {
                return errors.Format.WithMessage(parts[2] == "v=16"
                    ? $"The {what} is Argon2 version 1.0 (v=16), which libsodium does not implement; only v=19 is accepted."
                    : $"The {what} version '{parts[2]}' is not supported; only v=19 is accepted.");
            }

            index = 3;
        }
        else if (parts.Length == 5 && parts[2].StartsWith("m=", StringComparison.Ordinal))
        {
            return errors.Format.WithMessage($"The {what} has no version, which means Argon2 1.0 (v=16); only v=19 is accepted.");
        }
        else
        {
            return errors.Format.WithMessage($"The {what} has {parts.Length - 1} $-separated fields; it must look like ${variant}$v=19$m=..,t=..,p=..$salt$hash.");
        }

        var parameters = parts[index].Split(',');
        if (parameters.Length != 3 || !TryParameter(parameters[0], "m", out var m) || !TryParameter(parameters[1], "t", out var t) || !TryParameter(parameters[2], "p", out var p))
        {
            return errors.Format.WithMessage($"The {what} parameters '{parts[index]}' must be exactly m=<KiB>,t=<passes>,p=<lanes> (no keyid or data).");
        }

        if (!HashText.TryDecodeBase64(parts[index + 1], out var salt))
        {
            return errors.Salt.WithMessage($"The {what} salt is not valid base64.");
        }

        if (!HashText.TryDecodeBase64(parts[index + 2], out var output))
        {
            return errors.Format.WithMessage($"The {what} hash part is not valid base64.");
        }

        return Create(argon2id, m, t, p, salt, output, limits, errors, what);
    }

    public static Result<Argon2Hash> Create(bool argon2id, int memoryKiB, int iterations, int threads, byte[] salt, byte[] output, PasswordHashLimits limits, Argon2Errors errors, string what)
    {
        if (salt.Length is < MinSaltBytes or > MaxSaltBytes)
        {
            return errors.Salt.WithMessage($"The {what} salt is {salt.Length} bytes; Argon2 needs {MinSaltBytes} to {MaxSaltBytes}.");
        }

        if (iterations < 1 || iterations > limits.Argon2MaxIterations)
        {
            return errors.Iterations.WithMessage($"The {what} iteration amount (t) {iterations} is outside 1–{limits.Argon2MaxIterations}.");
        }

        if (threads < 1 || threads > limits.Argon2MaxThreads)
        {
            return errors.Threads.WithMessage($"The {what} threads (p) {threads} is outside 1–{limits.Argon2MaxThreads}.");
        }

        if (memoryKiB < 8 * threads)
        {
            return errors.Memory.WithMessage($"The {what} memory (m) {memoryKiB} KiB is below Argon2's minimum of 8 KiB per thread ({8 * threads}).");
        }

        if (memoryKiB > limits.Argon2MaxMemoryKiB)
        {
            return errors.Memory.WithMessage($"The {what} memory (m) {memoryKiB} KiB exceeds the limit of {limits.Argon2MaxMemoryKiB} KiB.");
        }

        if (output.Length < limits.MinKeyLength || output.Length > limits.MaxKeyLength)
        {
            return errors.KeyLength.WithMessage($"The {what} output is {output.Length} bytes; the accepted key lengths are {limits.MinKeyLength}–{limits.MaxKeyLength}.");
        }

        return new Argon2Hash(argon2id, memoryKiB, iterations, threads, salt, output);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        if (!IsArgon2id || Threads != 1 || salt.Length != 16)
        {
            return Sodium.VerifyArgon2(IsArgon2id, phcWithNul, utf8Password);
        }

        // NSec's string overloads do not hash the plain UTF-8 bytes that every other Argon2
        // implementation hashes; always pass bytes.
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = MemoryKiB,
            NumberOfPasses = Iterations,
        });
        Span<byte> actual = stackalloc byte[expected.Length];
        algorithm.DeriveBytes(utf8Password, salt, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public override bool IsCurrentDefault(PasswordHashingOptions options) =>
        IsArgon2id && MemoryKiB >= options.MemoryKiB && Iterations >= options.Iterations;

    private static bool TryParameter(string text, string name, out int value)
    {
        value = 0;
        return text.Length > name.Length + 1 && text.StartsWith(name, StringComparison.Ordinal) && text[name.Length] == '='
            && HashText.TryParseDecimal(text.AsSpan(name.Length + 1), out value);
    }
}
