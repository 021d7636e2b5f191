using Godwit.Server.OpenApi;
using System.Text.Json;
using Godwit.Contracts.Events;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Godwit.Server.Http;

namespace Godwit.Server.Events;

internal static class EventEndpoints
{
    /// <summary><c>GET /v1/events</c>: the event log for a backend, behind the project's credentials like every /v1 route.</summary>
    public static void MapEventApi(this RouteGroupBuilder v1) => v1.MapGet("/events", ListAsync).Returns<ListEventsResponse>()
        .WithQuery("user_id", "Only this user's events.")
        .WithQuery("types", "Comma-separated event types, such as user.created,login.failed.")
        .WithQuery("since", "RFC 3339 time; events at or after it.")
        .WithQuery("until", "RFC 3339 time; events before it.")
        .WithQuery("limit", "Events per page, 1 to 1000 (default 100).")
        .WithQuery("cursor", "The next_cursor of the previous page.");

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
