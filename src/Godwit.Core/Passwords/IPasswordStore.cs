namespace Godwit.Core.Passwords;

/// <summary>
/// The writes of password checks that must hold under concurrent requests, each a single
/// conditional statement. Everything else about a password changes through the user aggregate
/// (<see cref="Users.IUserStore"/>).
/// </summary>
public interface IPasswordStore
{
    /// <summary>
    /// Reserves one guess before the password is checked: counts it when the user is not locked and
    /// fewer than <paramref name="threshold"/> guesses are counted, in one conditional statement,
    /// so N parallel guesses never get more than the threshold. False when the guess is refused.
    /// </summary>
    Task<bool> TryReserveGuessAsync(string userId, int threshold, DateTime now, CancellationToken cancellationToken);

    /// <summary>Gives back a reserved guess that was never checked (the hashing queue was full).</summary>
    Task ReleaseGuessAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// After a wrong guess: locks the user until <paramref name="lockUntil"/> and starts counting
    /// afresh once <paramref name="threshold"/> guesses are counted. True when this call set the lock;
    /// then <paramref name="recordLocked"/> records its event, committed in the lock's transaction.
    /// </summary>
    Task<bool> LockIfThresholdReachedAsync(string userId, int threshold, DateTime now, DateTime lockUntil, Action? recordLocked, CancellationToken cancellationToken);

    /// <summary>Forgets the failures counted so far, after a successful check.</summary>
    Task ClearFailuresAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the hash only if it is still <paramref name="expectedHash"/>; false when another
    /// request changed the password first (then that change stands). When it replaces the hash,
    /// <paramref name="recordReplaced"/> records its event, committed in the replacement's transaction.
    /// </summary>
    Task<bool> TryReplaceHashAsync(string passwordId, string expectedHash, string hashType, string hash, DateTime now, Action? recordReplaced, CancellationToken cancellationToken);

    /// <summary>The user a password belongs to, or null when no such password exists.</summary>
    Task<string?> FindOwnerAsync(string passwordId, CancellationToken cancellationToken);
}
