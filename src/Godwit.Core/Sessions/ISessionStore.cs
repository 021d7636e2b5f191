namespace Godwit.Core.Sessions;

/// <summary>Persistence of sessions. Expired sessions are never returned.</summary>
public interface ISessionStore
{
    Task<Session?> FindByTokenHashAsync(byte[] tokenHash, DateTime now, CancellationToken cancellationToken);

    Task<Session?> FindByIdAsync(string sessionId, DateTime now, CancellationToken cancellationToken);

    Task<IReadOnlyList<Session>> ListForUserAsync(string userId, DateTime now, CancellationToken cancellationToken);

    Task AddAsync(Session session, CancellationToken cancellationToken);

    /// <summary>Writes the session's expiry, last access, factors and custom claims.</summary>
    Task UpdateAsync(Session session, CancellationToken cancellationToken);

    /// <summary>Moves last_accessed_at forward (never back) for the sessions that still exist, in one transaction.</summary>
    Task RecordAccessesAsync(IReadOnlyList<SessionAccess> accesses, CancellationToken cancellationToken);

    /// <summary>Deletes every session of the user except <paramref name="keepSessionId"/>.</summary>
    Task RevokeAllForUserAsync(string userId, string? keepSessionId, CancellationToken cancellationToken);

    /// <summary>Deletes the session; false when it did not exist.</summary>
    Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken);
}
