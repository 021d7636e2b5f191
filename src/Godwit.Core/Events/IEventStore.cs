namespace Godwit.Core.Events;

/// <summary>
/// The event log's persistence. <see cref="Add"/> joins the event to the scope's pending changes, so
/// it commits in the same transaction as the next save of any store in the scope, or is discarded
/// with that save when it fails.
/// </summary>
public interface IEventStore
{
    void Add(GodwitEvent recorded);

    /// <summary>Whether events were added that no save has committed yet.</summary>
    bool HasPending { get; }

    /// <summary>Commits the pending events on their own, for events that come with no change (a failed login).</summary>
    Task SavePendingAsync(CancellationToken cancellationToken);

    Task<EventPage> ListAsync(EventFilter filter, EventCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes events that occurred before <paramref name="before"/>, at most <paramref name="batch"/> at a time; the count deleted.</summary>
    Task<int> PruneAsync(DateTime before, int batch, CancellationToken cancellationToken);
}

/// <summary>Which events to list; null fields do not filter.</summary>
public sealed record EventFilter(string? UserId, IReadOnlyCollection<string>? Types, DateTime? Since, DateTime? Until);

/// <summary>The position after the last event of a page, in the listing's order (oldest first).</summary>
public readonly record struct EventCursor(DateTime OccurredAt, string EventId);

public sealed record EventPage(IReadOnlyList<GodwitEvent> Events, EventCursor? Next);
