using System.Security.Cryptography;
using NSec.Cryptography;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Hashes new and upgraded passwords: Argon2id through libsodium (NSec), one lane, a 16-byte random
/// salt and a 32-byte output, at the cost <see cref="PasswordHashingOptions"/> sets (OWASP's
/// m = 19 MiB, t = 2 by default).
/// </summary>
public sealed class DefaultPasswordHasher
{
    private const int SaltBytes = 16;
    private const int OutputBytes = 32;

    private readonly PasswordHashingOptions options;

    public DefaultPasswordHasher(PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        this.options = options;
    }

    public Argon2idPasswordHash Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var output = new byte[OutputBytes];
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = options.MemoryKiB,
            NumberOfPasses = options.Iterations,
        });

        // NSec's string overloads do not hash the plain UTF-8 bytes other Argon2 libraries hash.
        var utf8 = System.Text.Encoding.UTF8.GetBytes(password);
        try
        {
            algorithm.DeriveBytes(utf8, salt, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }

        return new Argon2idPasswordHash(Argon2Hash.ForDefault(options.MemoryKiB, options.Iterations, salt, output));
    }
}
