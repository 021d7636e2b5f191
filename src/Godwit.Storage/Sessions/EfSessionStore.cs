using Godwit.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Sessions;

internal sealed class EfSessionStore(GodwitDbContext db) : ISessionStore
{
    // Checking a session is the hottest query Godwit runs.
    private static readonly CompiledQuery<Func<GodwitDbContext, byte[], DateTime, CancellationToken, Task<Session?>>> ByTokenHash = new(() =>
        EF.CompileAsyncQuery((GodwitDbContext context, byte[] hash, DateTime now, CancellationToken _) =>
            context.Sessions.AsNoTracking().FirstOrDefault(s => s.TokenHash == hash && s.ExpiresAt > now)));

    private static readonly CompiledQuery<Func<GodwitDbContext, string, DateTime, CancellationToken, Task<Session?>>> ById = new(() =>
        EF.CompileAsyncQuery((GodwitDbContext context, string id, DateTime now, CancellationToken _) =>
            context.Sessions.AsNoTracking().FirstOrDefault(s => s.SessionId == id && s.ExpiresAt > now)));

    public Task<Session?> FindByTokenHashAsync(byte[] tokenHash, DateTime now, CancellationToken cancellationToken) =>
        ByTokenHash.For(db)(db, tokenHash, now, cancellationToken);

    public Task<Session?> FindByIdAsync(string sessionId, DateTime now, CancellationToken cancellationToken) =>
        ById.For(db)(db, sessionId, now, cancellationToken);

    public async Task<IReadOnlyList<Session>> ListForUserAsync(string userId, DateTime now, CancellationToken cancellationToken) =>
        await db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.ExpiresAt > now).OrderBy(s => s.StartedAt).ToListAsync(cancellationToken);

    public async Task AddAsync(Session session, CancellationToken cancellationToken)
    {
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;
    }

    public async Task UpdateAsync(Session session, CancellationToken cancellationToken)
    {
        db.Sessions.Attach(session);
        var entry = db.Entry(session);
        entry.Property(s => s.ExpiresAt).IsModified = true;
        entry.Property(s => s.LastAccessedAt).IsModified = true;
        entry.Property(s => s.Factors).IsModified = true;
        entry.Property(s => s.CustomClaims).IsModified = true;
        await db.SaveChangesAsync(cancellationToken);
        entry.State = EntityState.Detached;
    }

    public async Task RecordAccessesAsync(IReadOnlyList<SessionAccess> accesses, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (sessionId, accessedAt) in accesses)
        {
            await db.Sessions
                .Where(s => s.SessionId == sessionId && s.LastAccessedAt < accessedAt)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastAccessedAt, accessedAt), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task RevokeAllForUserAsync(string userId, string? keepSessionId, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.UserId == userId && s.SessionId != keepSessionId).ExecuteDeleteAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken) =>
        await db.Sessions.Where(s => s.SessionId == sessionId).ExecuteDeleteAsync(cancellationToken) > 0;
}
