namespace Godwit.Core.Passwords;

/// <summary>
/// The writes of password checks that must hold under concurrent requests, each a single
/// conditional statement. Everything else about a password changes through the user aggregate
/// (<see cref="Users.IUserStore"/>).
/// </summary>
public interface IPasswordStore
{
    /// <summary>
    /// Counts one failed check and, once <paramref name="threshold"/> consecutive failures are
    /// reached, locks the user until <paramref name="lockUntil"/> and starts counting afresh.
    /// Returns true when this failure locked the user.
    /// </summary>
    Task<bool> RecordFailureAsync(string userId, int threshold, DateTime now, DateTime lockUntil, CancellationToken cancellationToken);

    /// <summary>Forgets the failures counted so far, after a successful check.</summary>
    Task ClearFailuresAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the hash only if it is still <paramref name="expectedHash"/>; false when another
    /// request changed the password first (then that change stands).
    /// </summary>
    Task<bool> TryReplaceHashAsync(string passwordId, string expectedHash, string hashType, string hash, DateTime now, CancellationToken cancellationToken);

    /// <summary>The user a password belongs to, or null when no such password exists.</summary>
    Task<string?> FindOwnerAsync(string passwordId, CancellationToken cancellationToken);
}
