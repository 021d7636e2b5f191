using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Ulrich Drepper's SHA-crypt (<c>$5$</c> SHA-256, <c>$6$</c> SHA-512): optional
/// <c>rounds=N$</c> (default 5,000), salt of at most 16 characters, checksum of 43 or 86 characters.
/// </summary>
internal sealed class ShaCryptHash : PasswordVerifier
{
    private const int DefaultRounds = 5000;
    private const int MinRounds = 1000;

    // The byte order of the checksum encoding, three bytes per group (specification, step 22).
    private static readonly int[] Sha256Order =
        [0, 10, 20, 21, 1, 11, 12, 22, 2, 3, 13, 23, 24, 4, 14, 15, 25, 5, 6, 16, 26, 27, 7, 17, 18, 28, 8, 9, 19, 29];

    private static readonly int[] Sha512Order =
        [0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48, 28, 49, 7, 50, 8, 29, 9, 30, 51, 31, 52, 10,
         53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16, 59, 17, 38, 18, 39, 60, 40, 61, 19, 62, 20, 41];

    private readonly bool sha512;
    private readonly int rounds;
    private readonly byte[] salt;
    private readonly byte[] expected;

    private ShaCryptHash(bool sha512, int rounds, string salt, string checksum)
    {
        this.sha512 = sha512;
        this.rounds = rounds;
        this.salt = Encoding.ASCII.GetBytes(salt);
        expected = Encoding.ASCII.GetBytes(checksum);
    }

    public static Result<PasswordVerifier> Parse(string hash, bool sha512, PasswordHashLimits limits)
    {
        var magic = sha512 ? "$6$" : "$5$";
        var error = sha512 ? ErrorCatalog.InvalidSha512CryptHash : ErrorCatalog.InvalidSha256CryptHash;
        var checksumLength = sha512 ? 86 : 43;
        if (!hash.StartsWith(magic, StringComparison.Ordinal))
        {
            return error.WithMessage($"The hash must start with {magic}.");
        }

        var parts = hash[magic.Length..].Split('$');
        var rounds = DefaultRounds;
        if (parts.Length == 3 && parts[0].StartsWith("rounds=", StringComparison.Ordinal))
        {
            if (!HashText.TryParseDecimal(parts[0].AsSpan(7), out rounds))
            {
                return error.WithMessage($"'{parts[0]}' is not rounds=<decimal>.");
            }

            if (rounds < MinRounds)
            {
                return error.WithMessage($"rounds={rounds} is below SHA-crypt's minimum of {MinRounds}; conforming implementations never write it.");
            }

            if (rounds > limits.ShaCryptMaxRounds)
            {
                return error.WithMessage($"rounds={rounds} exceeds the limit of {limits.ShaCryptMaxRounds}.");
            }

            parts = parts[1..];
        }

        if (parts.Length != 2 || parts[0].Length > 16 || !HashText.IsCrypt64(parts[0]))
        {
            return error.WithMessage($"The hash must be {magic}[rounds=N$]<salt of at most 16 crypt characters>$<checksum>.");
        }

        if (parts[1].Length != checksumLength)
        {
            return error.WithMessage($"The checksum is {parts[1].Length} characters but {magic} checksums are {checksumLength}.");
        }

        if (!HashText.IsCrypt64(parts[1]))
        {
            return error.WithMessage("The checksum must use the crypt alphabet ./0-9A-Za-z.");
        }

        return new ShaCryptHash(sha512, rounds, parts[0], parts[1]);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        var name = sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var size = sha512 ? 64 : 32;
        var p = utf8Password;
        Span<byte> b = stackalloc byte[size];
        Span<byte> c = stackalloc byte[size];
        using var hash = IncrementalHash.CreateHash(name);

        // Steps 4–8: digest B of password, salt, password.
        hash.AppendData(p);
        hash.AppendData(salt);
        hash.AppendData(p);
        hash.GetHashAndReset(b);

        // Steps 1–3, 9–12: digest A.
        hash.AppendData(p);
        hash.AppendData(salt);
        for (var left = p.Length; left > 0; left -= size)
        {
            hash.AppendData(b[..Math.Min(size, left)]);
        }

        for (var bits = p.Length; bits > 0; bits >>= 1)
        {
            hash.AppendData((bits & 1) != 0 ? b : p);
        }

        hash.GetHashAndReset(c);

        // Steps 13–16: sequence P of the password's length from digest DP.
        Span<byte> pSequence = p.Length <= 256 ? stackalloc byte[p.Length] : new byte[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            hash.AppendData(p);
        }

        hash.GetHashAndReset(b);
        Fill(pSequence, b);

        // Steps 17–20: sequence S of the salt's length from digest DS.
        for (var i = 0; i < 16 + c[0]; i++)
        {
            hash.AppendData(salt);
        }

        hash.GetHashAndReset(b);
        Span<byte> sSequence = stackalloc byte[salt.Length];
        Fill(sSequence, b);

        // Step 21: the rounds.
        for (var round = 0; round < rounds; round++)
        {
            hash.AppendData((round & 1) != 0 ? pSequence : c);
            if (round % 3 != 0)
            {
                hash.AppendData(sSequence);
            }

            if (round % 7 != 0)
            {
                hash.AppendData(pSequence);
            }

            hash.AppendData((round & 1) != 0 ? c : pSequence);
            hash.GetHashAndReset(c);
        }

        CryptographicOperations.ZeroMemory(pSequence);
        Span<byte> actual = stackalloc byte[expected.Length];
        var position = 0;
        var order = sha512 ? Sha512Order : Sha256Order;
        for (var i = 0; i < order.Length; i += 3)
        {
            HashText.AppendCrypt64(actual, ref position, c[order[i]], c[order[i + 1]], c[order[i + 2]], 4);
        }

        if (sha512)
        {
            HashText.AppendCrypt64(actual, ref position, 0, 0, c[63], 2);
        }
        else
        {
            HashText.AppendCrypt64(actual, ref position, 0, c[31], c[30], 3);
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static void Fill(Span<byte> sequence, ReadOnlySpan<byte> digest)
    {
        for (var i = 0; i < sequence.Length; i += digest.Length)
        {
            digest[..Math.Min(digest.Length, sequence.Length - i)].CopyTo(sequence[i..]);
        }
    }
}
