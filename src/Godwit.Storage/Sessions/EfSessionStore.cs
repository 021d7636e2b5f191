using Godwit.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Sessions;

internal sealed class EfSessionStore(GodwitDbContext db, SessionCheckReader checks) : ISessionStore
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

    public Task<SessionWithUser?> FindWithUserByTokenHashAsync(byte[] tokenHash, DateTime now, CancellationToken cancellationToken) =>
        checks.FindByTokenHashAsync(db, tokenHash, now, cancellationToken);

    public Task<SessionWithUser?> FindWithUserByIdAsync(string sessionId, DateTime now, CancellationToken cancellationToken) =>
        checks.FindByIdAsync(db, sessionId, now, cancellationToken);

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

    public Task RevokeAllForUserAsync(string userId, string? keepSessionId, Action<EndedSession> beforeCommit, CancellationToken cancellationToken) =>
        DeleteAsync(
            keepSessionId is null
                ? (FormattableString)$"DELETE FROM sessions WHERE user_id = {userId} RETURNING session_id, user_id"
                : $"DELETE FROM sessions WHERE user_id = {userId} AND session_id <> {keepSessionId} RETURNING session_id, user_id",
            beforeCommit,
            cancellationToken);

    public async Task<bool> RevokeAsync(string sessionId, Action<EndedSession> beforeCommit, CancellationToken cancellationToken) =>
        await DeleteAsync(
            $"DELETE FROM sessions WHERE session_id = {sessionId} RETURNING session_id, user_id",
            beforeCommit,
            cancellationToken) > 0;

    public Task<int> PruneExpiredAsync(DateTime expiredBefore, int batch, Action<EndedSession> beforeCommit, CancellationToken cancellationToken) =>
        DeleteAsync(
            $"""
            DELETE FROM sessions WHERE session_id IN
                (SELECT session_id FROM sessions WHERE expires_at < {expiredBefore} ORDER BY expires_at LIMIT {batch})
            RETURNING session_id, user_id
            """,
            beforeCommit,
            cancellationToken);

    /// <summary>
    /// A DELETE … RETURNING (SQLite 3.35+ and PostgreSQL) names exactly the rows it deleted, so the
    /// events recorded for them, saved in the same transaction, match the deletion row for row.
    /// </summary>
    private async Task<int> DeleteAsync(FormattableString deleteReturning, Action<EndedSession> beforeCommit, CancellationToken cancellationToken)
    {
        // Through the write gate on SQLite: a transaction that locked the file and then waited at the
        // gate would wait for a save that waits for its lock.
        var count = 0;
        await db.InWriteTransactionAsync(async token =>
        {
            var ended = await db.Database.SqlQuery<EndedSessionRow>(deleteReturning).ToListAsync(token);
            foreach (var row in ended)
            {
                beforeCommit(new EndedSession(row.SessionId, row.UserId));
            }

            await db.SaveChangesAsync(token);
            count = ended.Count;
        }, cancellationToken);
        return count;
    }

    /// <summary>The model's snake_case convention maps its properties to session_id and user_id.</summary>
    private sealed class EndedSessionRow
    {
        public string SessionId { get; init; } = "";

        public string UserId { get; init; } = "";
    }
}
