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
    public async Task<bool> LockIfThresholdReachedAsync(string userId, int threshold, DateTime now, DateTime lockUntil, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.UserId == userId && u.FailedAuthentications >= threshold)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(u => u.FailedAuthentications, 0)
                    .SetProperty(u => u.LockCreatedAt, now)
                    .SetProperty(u => u.LockExpiresAt, lockUntil),
                cancellationToken) > 0;

    public Task ClearFailuresAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.UserId == userId && u.FailedAuthentications > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedAuthentications, 0), cancellationToken);

    public async Task<bool> TryReplaceHashAsync(string passwordId, string expectedHash, string hashType, string hash, DateTime now, CancellationToken cancellationToken) =>
        await db.UserPasswords.Where(p => p.PasswordId == passwordId && p.Hash == expectedHash)
            .ExecuteUpdateAsync(
                set => set.SetProperty(p => p.Hash, hash).SetProperty(p => p.HashType, hashType).SetProperty(p => p.UpdatedAt, now),
                cancellationToken) > 0;

    public Task<string?> FindOwnerAsync(string passwordId, CancellationToken cancellationToken) =>
        db.UserPasswords.Where(p => p.PasswordId == passwordId).Select(p => (string?)p.UserId).FirstOrDefaultAsync(cancellationToken);
}
