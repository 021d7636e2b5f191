namespace Godwit.Contracts.Webhooks;

/// <summary><c>POST /v1/webhooks</c>'s body.</summary>
public sealed record CreateWebhookRequest
{
    /// <summary>https, or http for a loopback host.</summary>
    public required string Url { get; init; }

    public string? Description { get; init; }

    /// <summary>The event types to deliver; absent or empty means every type.</summary>
    public IReadOnlyList<string>? EventTypes { get; init; }
}

/// <summary><c>PUT /v1/webhooks/{webhook_id}</c>'s body. Fields left null are not changed.</summary>
public sealed record UpdateWebhookRequest
{
    public string? Url { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>True resumes delivery to an endpoint disabled after failing; false pauses it.</summary>
    public bool? Enabled { get; init; }
}

/// <summary>A webhook endpoint. <see cref="Secret"/> is present only in the answers to create and rotate_secret.</summary>
public sealed record WebhookWire(
    string WebhookId,
    string Url,
    string Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string? DisabledReason,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? Secret = null);

public sealed record WebhookResponse(WebhookWire Webhook) : ApiResponse;

public sealed record WebhooksResponse(IReadOnlyList<WebhookWire> Webhooks) : ApiResponse;

public sealed record DeleteWebhookResponse(string WebhookId) : ApiResponse;

public sealed record WebhookAttemptWire(DateTime AttemptedAt, int? StatusCode, double LatencyMs, string? Error, string? ResponseExcerpt);

public sealed record WebhookDeliveryWire(
    string DeliveryId,
    string EventId,
    string EventType,
    string? UserId,
    DateTime OccurredAt,
    string Status,
    int AttemptCount,
    DateTime? NextAttemptAt,
    DateTime? CompletedAt,
    IReadOnlyList<WebhookAttemptWire> Attempts);

/// <summary>A page of deliveries, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one.</summary>
public sealed record WebhookDeliveriesResponse(IReadOnlyList<WebhookDeliveryWire> Deliveries, string? NextCursor) : ApiResponse;

public sealed record RedeliverWebhookResponse(string DeliveryId) : ApiResponse;
