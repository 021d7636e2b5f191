using System.Text.Json;

namespace Godwit.Contracts.Events;

/// <summary><c>GET /v1/events</c>: one page of the event log, oldest first.</summary>
public sealed record ListEventsResponse(IReadOnlyList<EventWire> Events, EventResultsMetadataWire ResultsMetadata) : ApiResponse;

/// <summary>One recorded event; the payload is the JSON object recorded with it, and never holds a secret.</summary>
public sealed record EventWire(
    string EventId,
    string Type,
    string OccurredAt,
    string? UserId,
    EventActorWire Actor,
    string? IpAddress,
    string? UserAgent,
    JsonElement Payload);

/// <summary>Who caused an event: <c>api_key</c> (id = project id), <c>user</c>, <c>admin</c> or <c>system</c>.</summary>
public sealed record EventActorWire(string Type, string? Id);

/// <summary>The cursor to pass for the next page, or null on the last one.</summary>
public sealed record EventResultsMetadataWire(string? NextCursor);
