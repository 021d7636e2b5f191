using Godwit.Core.Webhooks;

namespace Godwit.Server.Webhooks;

/// <summary>
/// Delivers the event log. Each round it takes events out of the outbox into deliveries, claims the
/// due deliveries it has room for and sends them, up to <see cref="WebhookOptions.MaxConcurrency"/>
/// at once. Every process runs one; they share the work through row claims, with no leader.
/// While there is work it goes round at once; idle, it looks again every <see cref="WebhookOptions.PollInterval"/>.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookOptions options, WebhookQueueSnapshot queue, TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);

    // The queue's depth and lag for the telemetry gauges; a scrape reads the last measurement.
    private static readonly TimeSpan MeasureInterval = TimeSpan.FromSeconds(10);

    // Names this process in claims: which process holds a delivery, when reading the table.
    private readonly string worker = $"{Environment.MachineName[..Math.Min(20, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        var inFlight = new HashSet<Task>();
        var nextPrune = clock.GetUtcNow();
        var nextMeasure = clock.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var busy = false;
                try
                {
                    busy = await FanOutAsync(stoppingToken);
                    var room = slots.CurrentCount;
                    if (room > 0)
                    {
                        var claimed = await ClaimAsync(Math.Min(room, options.BatchSize), stoppingToken);
                        busy |= claimed.Count == Math.Min(room, options.BatchSize);
                        foreach (var delivery in claimed)
                        {
                            await slots.WaitAsync(stoppingToken);
                            var sending = SendAsync(delivery, slots, stoppingToken);
                            inFlight.Add(sending);
                        }
                    }

                    inFlight.RemoveWhere(t => t.IsCompleted);
                    if (clock.GetUtcNow() >= nextMeasure)
                    {
                        nextMeasure = clock.GetUtcNow() + MeasureInterval;
                        await MeasureAsync(stoppingToken);
                    }

                    if (clock.GetUtcNow() >= nextPrune)
                    {
                        nextPrune = clock.GetUtcNow() + PruneInterval;
                        await PruneAsync(stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database may be briefly unavailable; claims left behind expire and are taken again.
                    LogRoundFailed(logger, exception);
                }

                if (!busy)
                {
                    await Task.Delay(options.PollInterval, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Requests in flight end with the stopping token; their claims expire if they could not be recorded.
        await Task.WhenAll(inFlight);
    }

    private async Task<bool> FanOutAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var taken = await scope.ServiceProvider.GetRequiredService<IWebhookStore>().FanOutAsync(options.BatchSize, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return taken == options.BatchSize;
    }

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow().UtcDateTime;
        return await scope.ServiceProvider.GetRequiredService<IWebhookStore>().ClaimAsync(worker, now, now + options.ClaimDuration, batch, cancellationToken);
    }

    private async Task SendAsync(ClaimedDelivery delivery, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        // Off the loop's thread, so the next claim does not wait for this request.
        await Task.Yield();
        try
        {
            var attemptedAt = clock.GetUtcNow().UtcDateTime;
            var result = await sender.SendAsync(delivery, cancellationToken);
            var attempt = new WebhookAttempt
            {
                DeliveryId = delivery.DeliveryId,
                AttemptedAt = attemptedAt,
                StatusCode = result.StatusCode,
                LatencyMs = Math.Round(result.LatencyMs, 1),
                Error = result.Error,
                ResponseExcerpt = result.ResponseExcerpt,
            };
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWebhookStore>().RecordAttemptAsync(attempt, Outcome(delivery, result), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSendFailed(logger, delivery.DeliveryId, exception);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Delivered on a 2xx; otherwise the next delay (plus up to a fifth more, so retries spread out), or failure after the last.</summary>
    private DeliveryOutcome Outcome(ClaimedDelivery delivery, SendResult result)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (result.Delivered)
        {
            return DeliveryOutcome.Delivered(delivery.DeliveryId, delivery.EndpointId, now);
        }

        var failedAttempts = delivery.Attempts + 1;
        if (failedAttempts <= options.EffectiveRetryDelays.Count)
        {
            var delay = options.EffectiveRetryDelays[failedAttempts - 1] * (1 + (Random.Shared.NextDouble() * 0.2));
            return DeliveryOutcome.Retry(delivery.DeliveryId, delivery.EndpointId, now + delay, now);
        }

        var last = result.StatusCode is { } status ? $"HTTP {status}" : result.Error;
        var reason = $"Disabled after delivery {delivery.DeliveryId} failed {failedAttempts} attempts; the last: {last}";
        return DeliveryOutcome.Failed(delivery.DeliveryId, delivery.EndpointId, now, reason.Length > 500 ? reason[..500] : reason);
    }

    private async Task MeasureAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        queue.Update(await scope.ServiceProvider.GetRequiredService<IWebhookStore>().QueueStatisticsAsync(clock.GetUtcNow().UtcDateTime, cancellationToken));
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.DeliveryRetentionDays);
        var pruned = await scope.ServiceProvider.GetRequiredService<IWebhookStore>().PruneAsync(before, 10_000, cancellationToken);
        LogPruned(logger, pruned);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook delivery round failed; retrying after the poll interval.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending webhook delivery {DeliveryId} failed; its claim will expire and it will be tried again.")]
    private static partial void LogSendFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} finished webhook deliveries.")]
    private static partial void LogPruned(ILogger logger, int count);
}
