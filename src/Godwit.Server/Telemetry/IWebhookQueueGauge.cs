namespace Godwit.Server.Telemetry;

/// <summary>
/// The webhook outbox as the delivery loop last saw it, for <c>godwit.webhooks.queue.depth</c> and
/// <c>godwit.webhooks.delivery.lag</c>. Registered by webhook delivery; while none is, the gauges
/// report nothing. <see cref="Read"/> runs on the exporter's thread at every scrape or export: it
/// returns a snapshot the loop keeps, it never queries the database.
/// </summary>
internal interface IWebhookQueueGauge
{
    WebhookQueueReading Read();
}

/// <summary>Deliveries waiting, and how long the oldest of them has waited (zero when none waits).</summary>
internal readonly record struct WebhookQueueReading(long Depth, TimeSpan Lag);
