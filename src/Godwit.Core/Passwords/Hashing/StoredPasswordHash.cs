using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// A password hash Godwit can verify: either its own default (Argon2id, stored as a PHC string) or a
/// migrated hash that <see cref="PasswordHashParser"/> accepted. It is stored as one string, see
/// <see cref="Serialize"/>.
/// </summary>
public abstract class StoredPasswordHash
{
    /// <summary>
    /// Longer passwords are refused without hashing. Iterated schemes (SHA-crypt, Drupal, Symfony)
    /// rehash the password every round, so its length multiplies the cost; Django caps it at 4096 too.
    /// </summary>
    public const int MaxPasswordLength = 4096;

    private protected StoredPasswordHash()
    {
    }

    /// <summary>The <c>hash_type</c> this hash was migrated as, or <c>argon_2id</c> for Godwit's own.</summary>
    public abstract string HashType { get; }

    /// <summary>
    /// The text to store: a PHC <c>$argon2id$…</c> string for Godwit's own hashes, or for migrated
    /// ones a compact JSON object in the migrate request's shape (<c>hash_type</c>, <c>hash</c>, config).
    /// </summary>
    public abstract string Serialize();

    /// <summary>Reads what <see cref="Serialize"/> wrote. Stored text that does not parse is corruption and throws.</summary>
    public static StoredPasswordHash Deserialize(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.StartsWith('{'))
        {
            var input = StoredHashJson.Read(stored);
            var parsed = PasswordHashParser.Parse(input, PasswordHashLimits.Ceiling);
            return parsed.Succeeded ? parsed.Value : throw new FormatException($"Stored password hash does not parse: {parsed.Error!.Message}");
        }

        return Argon2idPasswordHash.TryParse(stored) ?? throw new FormatException("Stored password hash is neither JSON nor a $argon2id$ PHC string.");
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches. Digests are compared in constant time; no password
    /// makes this throw, and a null or over-long one simply does not match.
    /// </summary>
    public bool Verify(string password)
    {
        if (password is null || password.Length > MaxPasswordLength)
        {
            return false;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(password.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        var length = Encoding.UTF8.GetBytes(password, buffer);
        try
        {
            return VerifyCore(password, buffer[..length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer[..length]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether this is an Argon2id hash at least as costly as <paramref name="options"/> asks for.</summary>
    public virtual bool IsCurrentDefault(PasswordHashingOptions options) => false;

    /// <summary>Whether a successful login should replace this hash with a new default one.</summary>
    public bool NeedsRehash(PasswordHashingOptions options) => !IsCurrentDefault(options);

    /// <summary>Checks the password, given as the string and as its UTF-8 bytes (lone surrogates become U+FFFD).</summary>
    private protected abstract bool VerifyCore(string password, ReadOnlySpan<byte> utf8Password);
}

/// <summary>
/// A migrated hash: the input it was parsed from (which is what gets stored, so it reads back through
/// the same parser) and the verifier for its format.
/// </summary>
public sealed class MigratedPasswordHash : StoredPasswordHash
{
    private readonly PasswordVerifier verifier;

    internal MigratedPasswordHash(MigratedHashInput source, PasswordVerifier verifier)
    {
        Source = source;
        this.verifier = verifier;
    }

    public MigratedHashInput Source { get; }

    public override string HashType => Source.HashType;

    public override string Serialize() => StoredHashJson.Write(Source);

    public override bool IsCurrentDefault(PasswordHashingOptions options) => verifier.IsCurrentDefault(options);

    private protected override bool VerifyCore(string password, ReadOnlySpan<byte> utf8Password) =>
        verifier.Verify(password, utf8Password);
}

/// <summary>One format's check of a password against the parsed hash.</summary>
internal abstract class PasswordVerifier
{
    public abstract bool Verify(string password, ReadOnlySpan<byte> utf8Password);

    public virtual bool IsCurrentDefault(PasswordHashingOptions options) => false;
}
