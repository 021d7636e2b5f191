using Godwit.Core.Webhooks;
using Godwit.Server.Telemetry;

namespace Godwit.Server.Webhooks;

/// <summary>
/// The queue as the dispatcher last measured it, for the telemetry gauges, which must not query the
/// database on the exporter's thread.
/// </summary>
internal sealed class WebhookQueueSnapshot : IWebhookQueueGauge
{
    private WebhookQueueReading reading;

    public WebhookQueueReading Read() => reading;

    public void Update(WebhookQueueStatistics statistics) =>
        reading = new WebhookQueueReading(statistics.OutboxDepth + statistics.PendingDeliveries, statistics.DeliveryLag);
}
