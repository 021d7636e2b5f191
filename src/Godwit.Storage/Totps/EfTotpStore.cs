using Godwit.Core.Totps;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Totps;

internal sealed class EfTotpStore(GodwitDbContext db) : ITotpStore
{
    private DbSet<UserTotp> Totps => db.Set<UserTotp>();

    private DbSet<TotpRecoveryCode> RecoveryCodes => db.Set<TotpRecoveryCode>();

    public async Task<DateTime?> TryCountAttemptAsync(string totpId, int maxAttempts, TimeSpan windowLength, DateTime now, CancellationToken cancellationToken)
    {
        // One statement counts the attempt or refuses it, so parallel guesses cannot slip past the
        // limit between a read and a write. Every SET expression reads the row as it was, so a
        // window that has run out restarts at this attempt.
        var expiredBefore = now - windowLength;
        var counted = await Totps
            .Where(t => t.TotpId == totpId && (t.AttemptWindowStartedAt == null || t.AttemptWindowStartedAt <= expiredBefore || t.FailedAttempts < maxAttempts))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(t => t.FailedAttempts, t => t.AttemptWindowStartedAt == null || t.AttemptWindowStartedAt <= expiredBefore ? 1 : t.FailedAttempts + 1)
                    .SetProperty(t => t.AttemptWindowStartedAt, t => t.AttemptWindowStartedAt == null || t.AttemptWindowStartedAt <= expiredBefore ? now : t.AttemptWindowStartedAt),
                cancellationToken) == 1;
        if (counted)
        {
            return null;
        }

        var started = await Totps.Where(t => t.TotpId == totpId).Select(t => t.AttemptWindowStartedAt).FirstOrDefaultAsync(cancellationToken);
        return (started ?? now) + windowLength;
    }

    public Task ClearAttemptsAsync(string totpId, CancellationToken cancellationToken) =>
        Totps.Where(t => t.TotpId == totpId && t.AttemptWindowStartedAt != null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.FailedAttempts, 0).SetProperty(t => t.AttemptWindowStartedAt, (DateTime?)null), cancellationToken);

    // The affected-row count decides between two requests carrying the same code: the step only
    // moves forward, so the second finds it already there.
    public async Task<bool> TryAcceptStepAsync(string totpId, long timeStep, DateTime now, CancellationToken cancellationToken) =>
        await Totps
            .Where(t => t.TotpId == totpId && t.LastUsedStep < timeStep && (t.Verified || t.ExpiresAt > now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(t => t.LastUsedStep, timeStep)
                    .SetProperty(t => t.Verified, true)
                    .SetProperty(t => t.ExpiresAt, (DateTime?)null)
                    .SetProperty(t => t.FailedAttempts, 0)
                    .SetProperty(t => t.AttemptWindowStartedAt, (DateTime?)null),
                cancellationToken) == 1;

    public async Task<IReadOnlyList<TotpRecoveryCode>> ListUnusedRecoveryCodesAsync(IReadOnlyCollection<string> totpIds, CancellationToken cancellationToken) =>
        totpIds.Count == 0
            ? []
            : await RecoveryCodes.AsNoTracking().Where(c => totpIds.Contains(c.TotpId) && c.UsedAt == null).OrderBy(c => c.RecoveryCodeId).ToListAsync(cancellationToken);

    public async Task<bool> TryUseRecoveryCodeAsync(string recoveryCodeId, DateTime now, CancellationToken cancellationToken) =>
        await RecoveryCodes.Where(c => c.RecoveryCodeId == recoveryCodeId && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken) == 1;

    public Task<string?> FindOwnerAsync(string totpId, CancellationToken cancellationToken) =>
        Totps.Where(t => t.TotpId == totpId).Select(t => (string?)t.UserId).FirstOrDefaultAsync(cancellationToken);
}
