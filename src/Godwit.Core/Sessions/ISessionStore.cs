namespace Godwit.Core.Sessions;

/// <summary>Persistence of sessions. Expired sessions are never returned.</summary>
public interface ISessionStore
{
    Task<Session?> FindByTokenHashAsync(byte[] tokenHash, DateTime now, CancellationToken cancellationToken);

    Task<Session?> FindByIdAsync(string sessionId, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// The live session with this token hash and its user as <see cref="Users.IUserStore.FindForReadingAsync"/>
    /// reads them, in one read: the session check's. Null when either is missing.
    /// </summary>
    Task<SessionWithUser?> FindWithUserByTokenHashAsync(byte[] tokenHash, DateTime now, CancellationToken cancellationToken);

    /// <summary>As <see cref="FindWithUserByTokenHashAsync"/>, by session id (a session JWT names it).</summary>
    Task<SessionWithUser?> FindWithUserByIdAsync(string sessionId, DateTime now, CancellationToken cancellationToken);

    Task<IReadOnlyList<Session>> ListForUserAsync(string userId, DateTime now, CancellationToken cancellationToken);

    Task AddAsync(Session session, CancellationToken cancellationToken);

    /// <summary>Writes the session's expiry, last access, factors and custom claims.</summary>
    Task UpdateAsync(Session session, CancellationToken cancellationToken);

    /// <summary>Moves last_accessed_at forward (never back) for the sessions that still exist, in one transaction.</summary>
    Task RecordAccessesAsync(IReadOnlyList<SessionAccess> accesses, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every session of the user except <paramref name="keepSessionId"/>. Each deleted session
    /// is handed to <paramref name="beforeCommit"/>, in the deletion's transaction, so the events it
    /// records commit with the deletion (as for <see cref="RevokeAsync"/> and <see cref="PruneExpiredAsync"/>).
    /// </summary>
    Task RevokeAllForUserAsync(string userId, string? keepSessionId, Action<EndedSession> beforeCommit, CancellationToken cancellationToken);

    /// <summary>Deletes the session; false when it did not exist.</summary>
    Task<bool> RevokeAsync(string sessionId, Action<EndedSession> beforeCommit, CancellationToken cancellationToken);

    /// <summary>Deletes at most <paramref name="batch"/> sessions that expired before <paramref name="expiredBefore"/>; the count deleted.</summary>
    Task<int> PruneExpiredAsync(DateTime expiredBefore, int batch, Action<EndedSession> beforeCommit, CancellationToken cancellationToken);
}

/// <summary>A session and its owner, read together; neither is tracked for saving.</summary>
public sealed record SessionWithUser(Session Session, Users.User User);

/// <summary>A session a revocation or the pruner deleted.</summary>
public sealed record EndedSession(string SessionId, string UserId);
