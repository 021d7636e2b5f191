namespace Godwit.Core.Totps;

/// <summary>
/// The writes of TOTP checks that must hold under concurrent requests, each a single conditional
/// statement, and the reads of recovery codes. TOTPs are added and removed through the user
/// aggregate (<see cref="Users.IUserStore"/>).
/// </summary>
public interface ITotpStore
{
    /// <summary>
    /// Counts one attempt before a code is compared. The window starts at the first attempt and
    /// allows <paramref name="maxAttempts"/>; a window older than <paramref name="windowLength"/>
    /// starts afresh. Returns null when the attempt was counted, or when the window ends if it
    /// is used up.
    /// </summary>
    Task<DateTime?> TryCountAttemptAsync(string totpId, int maxAttempts, TimeSpan windowLength, DateTime now, CancellationToken cancellationToken);

    /// <summary>Forgets the attempts counted so far, after a success.</summary>
    Task ClearAttemptsAsync(string totpId, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts a code of time step <paramref name="timeStep"/> only if no code of this or a later step
    /// was accepted before and the TOTP is still live; marks it verified. False when another
    /// request got there first.
    /// </summary>
    Task<bool> TryAcceptStepAsync(string totpId, long timeStep, DateTime now, CancellationToken cancellationToken);

    /// <summary>The recovery codes of these TOTPs that are still unused.</summary>
    Task<IReadOnlyList<TotpRecoveryCode>> ListUnusedRecoveryCodesAsync(IReadOnlyCollection<string> totpIds, CancellationToken cancellationToken);

    /// <summary>Marks a recovery code used if it still is unused; false when another request used it first.</summary>
    Task<bool> TryUseRecoveryCodeAsync(string recoveryCodeId, DateTime now, CancellationToken cancellationToken);

    /// <summary>The user a TOTP belongs to, or null when no such TOTP exists.</summary>
    Task<string?> FindOwnerAsync(string totpId, CancellationToken cancellationToken);
}
