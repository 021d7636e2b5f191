using System.Diagnostics.Metrics;
using Godwit.Core.Telemetry;
using Godwit.Server.Legacy;
using Polly.CircuitBreaker;

namespace Godwit.Server.Telemetry;

/// <summary>
/// Gauges read when metrics are collected, on Godwit's meter: the legacy endpoints' circuit
/// breakers and, once webhook delivery registers an <see cref="IWebhookQueueGauge"/>, its queue.
/// </summary>
internal sealed class TelemetryGauges
{
    private static readonly (CircuitState State, string Name)[] CircuitStateNames =
        [(CircuitState.Closed, "closed"), (CircuitState.Open, "open"), (CircuitState.HalfOpen, "half_open"), (CircuitState.Isolated, "isolated")];

    public TelemetryGauges(GodwitMetrics metrics, LegacyCircuitStates circuits, IEnumerable<IWebhookQueueGauge> webhookQueues)
    {
        // One series per hook and state, 1 for the state it is in: a Prometheus query then reads
        // godwit_legacy_hook_circuit_state{state="open"} == 1 without knowing an enum's numbers.
        metrics.Meter.CreateObservableGauge(
            "godwit.legacy_hook.circuit.state",
            () => circuits.All.SelectMany(circuit => CircuitStateNames.Select(state => new Measurement<int>(
                circuit.State == state.State ? 1 : 0,
                new KeyValuePair<string, object?>("hook", circuit.Hook),
                new KeyValuePair<string, object?>("state", state.Name)))),
            unit: "{state}",
            description: "1 for the state each legacy endpoint's circuit breaker is in (closed, open, half_open, isolated), 0 for the others.");

        if (webhookQueues.FirstOrDefault() is { } queue)
        {
            metrics.Meter.CreateObservableGauge("godwit.webhooks.queue.depth", () => queue.Read().Depth, "{delivery}", "Webhook deliveries waiting.");
            metrics.Meter.CreateObservableGauge("godwit.webhooks.delivery.lag", () => queue.Read().Lag.TotalSeconds, "s", "How long the oldest waiting webhook delivery has waited.");
        }
    }
}
