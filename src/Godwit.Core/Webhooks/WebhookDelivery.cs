namespace Godwit.Core.Webhooks;

/// <summary>
/// One event to deliver to one endpoint, created when the event leaves the outbox. It is claimed by
/// one process at a time (<see cref="ClaimedUntil"/>); a claim left by a killed process expires and
/// the delivery is taken again, which is why delivery is at least once.
/// </summary>
public sealed class WebhookDelivery
{
    public const string IdPrefix = "webhook-delivery-live-";

    public required string DeliveryId { get; init; }

    public required string EndpointId { get; init; }

    public required string EventId { get; init; }

    /// <summary>The event's user: deliveries of one user to one endpoint go out in event order.</summary>
    public string? UserId { get; init; }

    public required DateTime OccurredAt { get; init; }

    public string Status { get; set; } = WebhookDeliveryStatus.Pending;

    public int Attempts { get; set; }

    public required DateTime NextAttemptAt { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public string? ClaimedBy { get; set; }

    public required DateTime CreatedAt { get; init; }

    /// <summary>When it was delivered or given up on; null while pending.</summary>
    public DateTime? CompletedAt { get; set; }
}

public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

/// <summary>One HTTP request made for a delivery, and what came of it.</summary>
public sealed class WebhookAttempt
{
    /// <summary>The longest answer kept, in characters: enough to read an error page's gist.</summary>
    public const int MaxResponseExcerpt = 1024;

    public long AttemptId { get; init; }

    public required string DeliveryId { get; init; }

    public required DateTime AttemptedAt { get; init; }

    /// <summary>The HTTP status answered, or null when no answer came (refused, timed out).</summary>
    public int? StatusCode { get; init; }

    public required double LatencyMs { get; init; }

    public string? Error { get; init; }

    public string? ResponseExcerpt { get; init; }
}
