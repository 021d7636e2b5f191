using System.Collections.Concurrent;

namespace Godwit.Core.Sessions;

/// <summary>
/// last_accessed_at changes waiting to be written. A session check that changes nothing but the
/// access time stays a read: the times are written in one batch shortly after (see
/// <c>SessionAccessWriter</c>), instead of one write transaction per check queueing on SQLite's
/// single writer. A crash loses at most the last batch of access times, never a session.
/// </summary>
public sealed class SessionAccessLog
{
    private readonly ConcurrentDictionary<string, DateTime> pending = new(StringComparer.Ordinal);

    public int Count => pending.Count;

    public void Record(string sessionId, DateTime accessedAt) =>
        pending.AddOrUpdate(sessionId, accessedAt, (_, earlier) => earlier > accessedAt ? earlier : accessedAt);

    /// <summary>Takes everything recorded so far; what is recorded meanwhile waits for the next batch.</summary>
    public IReadOnlyList<SessionAccess> Drain()
    {
        var batch = new List<SessionAccess>(pending.Count);
        foreach (var sessionId in pending.Keys)
        {
            if (pending.TryRemove(sessionId, out var accessedAt))
            {
                batch.Add(new SessionAccess(sessionId, accessedAt));
            }
        }

        return batch;
    }
}

public readonly record struct SessionAccess(string SessionId, DateTime AccessedAt);
