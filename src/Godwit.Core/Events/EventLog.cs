using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Users;

namespace Godwit.Core.Events;

/// <summary>
/// Records what happened. Call <see cref="Record"/> once the change is decided and just before the
/// store saves it: the event then commits with the change, and vanishes with it if the save fails.
/// An event with no change of its own (a refused login) is committed by <see cref="CommitPendingAsync"/>,
/// which the server calls at the end of every request.
/// </summary>
public sealed class EventLog(IEventStore store, EventOrigin origin, TimeProvider clock, IEnumerable<IEventObserver> observers)
{
    public const string IdPrefix = "event-live-";

    // Payloads travel as JSON to webhooks and the API, never into HTML: keep them readable.
    private static readonly JsonSerializerOptions PayloadJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public GodwitEvent Record(string type, string? userId, JsonObject? payload = null)
    {
        var recorded = Describe(type, userId, payload);
        store.Add(recorded);
        foreach (var observer in observers)
        {
            observer.Recorded(recorded, payload);
        }

        return recorded;
    }

    /// <summary>
    /// An event of this scope's origin, not yet added anywhere: for writers that bypass the change
    /// tracker (the bulk import), which insert it in their own transaction.
    /// </summary>
    public GodwitEvent Describe(string type, string? userId, JsonObject? payload = null) =>
        new()
        {
            EventId = PrefixedId.New(IdPrefix),
            Type = type,
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            UserId = userId,
            ActorType = origin.Actor.Type,
            ActorId = origin.Actor.Id,
            IpAddress = origin.IpAddress,
            UserAgent = origin.UserAgent,
            Payload = payload?.ToJsonString(PayloadJson) ?? "{}",
        };

    public Task CommitPendingAsync(CancellationToken cancellationToken) =>
        store.HasPending ? store.SavePendingAsync(cancellationToken) : Task.CompletedTask;
}
