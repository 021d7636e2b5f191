using Godwit.Core.Events;

namespace Godwit.Core.Webhooks;

/// <summary>
/// Webhook endpoints, and the deliveries made from the event outbox. Every method that hands out
/// work claims rows, so several Godwit processes on one database share it without a leader.
/// </summary>
public interface IWebhookStore
{
    Task AddEndpointAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken);

    Task<WebhookEndpoint?> FindEndpointAsync(string endpointId, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookEndpoint>> ListEndpointsAsync(CancellationToken cancellationToken);

    Task<int> CountEndpointsAsync(CancellationToken cancellationToken);

    /// <summary>Saves an endpoint read by <see cref="FindEndpointAsync"/>; <paramref name="resumeDeliveries"/> makes its waiting deliveries due now.</summary>
    Task UpdateEndpointAsync(WebhookEndpoint endpoint, bool resumeDeliveries, CancellationToken cancellationToken);

    /// <summary>Deletes the endpoint with its deliveries and attempts; false when there was none.</summary>
    Task<bool> DeleteEndpointAsync(string endpointId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="batch"/> events out of the outbox and, in the same transaction,
    /// creates their deliveries to the endpoints (enabled or not) created before them that want them;
    /// the number of events taken. With no endpoint at all, the outbox is left as it is.
    /// </summary>
    Task<int> FanOutAsync(int batch, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="batch"/> due deliveries for <paramref name="worker"/> until
    /// <paramref name="claimedUntil"/>: each the oldest pending one of its user and endpoint, and
    /// none whose user still has an older event in the outbox.
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string worker, DateTime now, DateTime claimedUntil, int batch, CancellationToken cancellationToken);

    /// <summary>Records an attempt and its outcome; a failed delivery disables its endpoint with <see cref="DeliveryOutcome.DisabledReason"/>.</summary>
    Task RecordAttemptAsync(WebhookAttempt attempt, DeliveryOutcome outcome, CancellationToken cancellationToken);

    /// <summary>The endpoint's deliveries, newest first, with their attempts; after <paramref name="afterDeliveryId"/> when given.</summary>
    Task<DeliveryPage> ListDeliveriesAsync(string endpointId, string? afterDeliveryId, int limit, CancellationToken cancellationToken);

    /// <summary>Makes a delivery pending and due now, its attempts counted afresh; false when the endpoint has no such delivery.</summary>
    Task<bool> RedeliverAsync(string endpointId, string deliveryId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Deletes deliveries (and their attempts) delivered or failed before <paramref name="before"/>; the count deleted.</summary>
    Task<int> PruneAsync(DateTime before, int batch, CancellationToken cancellationToken);

    Task<WebhookQueueStatistics> QueueStatisticsAsync(DateTime now, CancellationToken cancellationToken);
}

/// <summary>A delivery claimed for sending, with what sending needs.</summary>
public sealed record ClaimedDelivery(
    string DeliveryId,
    int Attempts,
    string EndpointId,
    string Url,
    byte[] SealedSecret,
    byte[]? PreviousSealedSecret,
    DateTime? PreviousSecretExpiresAt,
    GodwitEvent Event);

/// <summary>What an attempt leads to: delivered, tried again at <see cref="RetryAt"/>, or failed for good.</summary>
public sealed record DeliveryOutcome(string DeliveryId, string EndpointId, string Status, DateTime? RetryAt, DateTime CompletedAt, string? DisabledReason)
{
    public static DeliveryOutcome Delivered(string deliveryId, string endpointId, DateTime now) =>
        new(deliveryId, endpointId, WebhookDeliveryStatus.Delivered, null, now, null);

    public static DeliveryOutcome Retry(string deliveryId, string endpointId, DateTime at, DateTime now) =>
        new(deliveryId, endpointId, WebhookDeliveryStatus.Pending, at, now, null);

    public static DeliveryOutcome Failed(string deliveryId, string endpointId, DateTime now, string reason) =>
        new(deliveryId, endpointId, WebhookDeliveryStatus.Failed, null, now, reason);
}

public sealed record DeliveryWithAttempts(WebhookDelivery Delivery, string EventType, IReadOnlyList<WebhookAttempt> Attempts);

public sealed record DeliveryPage(IReadOnlyList<DeliveryWithAttempts> Deliveries, string? NextDeliveryId);

/// <summary>
/// How far behind delivery is, for telemetry: events not yet fanned out, deliveries waiting, and the
/// age of the oldest of either (zero when nothing waits).
/// </summary>
public sealed record WebhookQueueStatistics(long OutboxDepth, long PendingDeliveries, TimeSpan DeliveryLag);
