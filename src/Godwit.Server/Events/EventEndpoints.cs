using System.Text.Json;
using Godwit.Contracts.Events;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Godwit.Server.Http;

namespace Godwit.Server.Events;

internal static class EventEndpoints
{
    /// <summary><c>GET /v1/events</c>: the event log for a backend, behind the project's credentials like every /v1 route.</summary>
    public static void MapEventApi(this RouteGroupBuilder v1) => v1.MapGet("/events", ListAsync);

    private static async Task<IResult> ListAsync(HttpRequest request, IEventStore events, CancellationToken cancellationToken)
    {
        var (filter, cursor, limit) = EventQuery.Read(request.Query);
        var page = await events.ListAsync(filter, cursor, limit, cancellationToken);
        return ApiResults.Ok(new ListEventsResponse(
            [.. page.Events.Select(ToWire)],
            new EventResultsMetadataWire(page.Next is { } next ? EventQuery.EncodeCursor(next) : null)));
    }

    private static EventWire ToWire(GodwitEvent recorded) => new(
        recorded.EventId,
        recorded.Type,
        SessionJwts.Rfc3339(recorded.OccurredAt),
        recorded.UserId,
        new EventActorWire(recorded.ActorType, recorded.ActorId),
        recorded.IpAddress,
        recorded.UserAgent,
        PayloadOf(recorded.Payload));

    private static JsonElement PayloadOf(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.Clone();
    }
}
