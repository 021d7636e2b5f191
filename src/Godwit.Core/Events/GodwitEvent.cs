namespace Godwit.Core.Events;

/// <summary>
/// One thing that happened to an identity, written in the same transaction as the change it
/// describes. The payload is a JSON object of facts and never holds a secret: no password, token,
/// code or hash. The user id has no foreign key, so a user's history outlives the user.
/// </summary>
public sealed class GodwitEvent
{
    public required string EventId { get; init; }

    /// <summary>One of <see cref="EventTypes"/>.</summary>
    public required string Type { get; init; }

    public required DateTime OccurredAt { get; init; }

    public string? UserId { get; init; }

    /// <summary>Who caused it: one of <see cref="EventActor"/>'s kinds.</summary>
    public required string ActorType { get; init; }

    /// <summary>The project id for an API key, the user or admin id, or null for the system.</summary>
    public string? ActorId { get; init; }

    /// <summary>The address the request came from, when there was a request.</summary>
    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>A JSON object; <c>{}</c> when there is nothing more to say.</summary>
    public required string Payload { get; init; }
}
