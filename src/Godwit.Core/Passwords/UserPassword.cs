using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Users;

namespace Godwit.Core.Passwords;

/// <summary>
/// A user's password, held only as a hash. A migrated password keeps its legacy hash until the
/// person's first successful login, which replaces it with the current default.
/// </summary>
public sealed class UserPassword
{
    public required string PasswordId { get; init; }

    public required string UserId { get; init; }

    /// <summary>The hash_type the hash was stored with (<c>argon_2id</c> once upgraded).</summary>
    public required string HashType { get; set; }

    /// <summary>The hash in its stored form (see <c>StoredPasswordHash</c>).</summary>
    public required string Hash { get; set; }

    /// <summary>
    /// Set when someone proved the user's email by a passwordless factor while no email of the user
    /// was verified: whoever set this password never proved the address, so it works again only
    /// after a reset (Stytch's <c>reset_password</c>, against pre-registration hijacking).
    /// </summary>
    public bool ResetRequired { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>A new password of the user, held as <paramref name="hash"/>.</summary>
    public static UserPassword Create(string userId, StoredPasswordHash hash, DateTime now) => new()
    {
        PasswordId = PrefixedId.New(PrefixedId.Password),
        UserId = userId,
        HashType = hash.HashType,
        Hash = hash.Serialize(),
        CreatedAt = now,
        UpdatedAt = now,
    };
}
