namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Godwit's own hash: Argon2id stored as a standard PHC string
/// (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>), readable by any Argon2 library.
/// </summary>
public sealed class Argon2idPasswordHash : StoredPasswordHash
{
    private readonly Argon2Hash hash;

    internal Argon2idPasswordHash(Argon2Hash hash)
    {
        this.hash = hash;
    }

    public override string HashType => HashTypes.Argon2id;

    public int MemoryKiB => hash.MemoryKiB;

    public int Iterations => hash.Iterations;

    public override string Serialize() => hash.Phc;

    public override bool IsCurrentDefault(PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return hash.IsCurrentDefault(options);
    }

    /// <summary>Reads a stored <c>$argon2id$</c> PHC string, or null when it is not one.</summary>
    internal static Argon2idPasswordHash? TryParse(string stored)
    {
        if (!stored.StartsWith("$argon2id$", StringComparison.Ordinal))
        {
            return null;
        }

        var parsed = Argon2Hash.ParsePhc(stored, argon2id: true, PasswordHashLimits.Ceiling, Argon2Errors.Stytch, "stored argon2id");
        return parsed.Succeeded ? new Argon2idPasswordHash(parsed.Value) : null;
    }

    private protected override bool VerifyCore(string password, ReadOnlySpan<byte> utf8Password) =>
        hash.Verify(password, utf8Password);
}
