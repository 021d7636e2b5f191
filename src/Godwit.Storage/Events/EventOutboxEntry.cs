namespace Godwit.Storage.Events;

/// <summary>
/// An event not yet handed to the webhook deliveries, written in the event's own transaction (a
/// transactional outbox). Deliveries are made from these rows and each row is deleted in the same
/// transaction, so an event is handed over exactly once whatever the order transactions commit in,
/// which a cursor over event ids could not promise on PostgreSQL.
/// </summary>
internal sealed class EventOutboxEntry
{
    public required string EventId { get; init; }

    public DateTime OccurredAt { get; init; }
}
