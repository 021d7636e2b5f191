using Godwit.Core.Passwords;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Passwords;

internal sealed class EfPasswordStore(GodwitDbContext db) : IPasswordStore
{
    public async Task<bool> TryReserveGuessAsync(string userId, int threshold, DateTime now, CancellationToken cancellationToken) =>
        await db.Users
            .Where(u => u.UserId == userId && u.FailedAuthentications < threshold && (u.LockExpiresAt == null || u.LockExpiresAt <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedAuthentications, u => u.FailedAuthentications + 1), cancellationToken) == 1;

    public Task ReleaseGuessAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.UserId == userId && u.FailedAuthentications > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedAuthentications, u => u.FailedAuthentications - 1), cancellationToken);

    // Of several wrong guesses finishing at once, exactly one sees the threshold and sets the lock.
    public Task<bool> LockIfThresholdReachedAsync(string userId, int threshold, DateTime now, DateTime lockUntil, Action? recordLocked, CancellationToken cancellationToken) =>
        WithEventAsync(
            () => db.Users.Where(u => u.UserId == userId && u.FailedAuthentications >= threshold)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(u => u.FailedAuthentications, 0)
                        .SetProperty(u => u.LockCreatedAt, now)
                        .SetProperty(u => u.LockExpiresAt, lockUntil),
                    cancellationToken),
            recordLocked,
            cancellationToken);

    public Task ClearFailuresAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.UserId == userId && u.FailedAuthentications > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedAuthentications, 0), cancellationToken);

    public Task<bool> TryReplaceHashAsync(string passwordId, string expectedHash, string hashType, string hash, DateTime now, Action? recordReplaced, CancellationToken cancellationToken) =>
        WithEventAsync(
            () => db.UserPasswords.Where(p => p.PasswordId == passwordId && p.Hash == expectedHash)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(p => p.Hash, hash).SetProperty(p => p.HashType, hashType).SetProperty(p => p.UpdatedAt, now),
                    cancellationToken),
            recordReplaced,
            cancellationToken);

    /// <summary>
    /// Runs a conditional statement and, when it changed a row, records its event and saves it in
    /// the statement's transaction: a statement bypasses the change tracker, so the event would
    /// otherwise commit on its own, or not at all.
    /// </summary>
    private async Task<bool> WithEventAsync(Func<Task<int>> statement, Action? record, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            return await statement() > 0;
        }

        // Through the write gate on SQLite, as the session store's deletes.
        var changed = false;
        await db.InWriteTransactionAsync(async token =>
        {
            if (await statement() == 0)
            {
                return;
            }

            record();
            await db.SaveChangesAsync(token);
            changed = true;
        }, cancellationToken);
        return changed;
    }

    public Task<string?> FindOwnerAsync(string passwordId, CancellationToken cancellationToken) =>
        db.UserPasswords.Where(p => p.PasswordId == passwordId).Select(p => (string?)p.UserId).FirstOrDefaultAsync(cancellationToken);
}
