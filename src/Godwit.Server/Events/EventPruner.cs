using Godwit.Core.Events;

namespace Godwit.Server.Events;

/// <summary>
/// Deletes events older than the retention (<c>Godwit:Events:RetentionDays</c>), in batches so that
/// no statement holds the table long. The retention also bounds what a flood of recorded failures
/// can cost in storage.
/// </summary>
internal sealed partial class EventPruner(
    IServiceScopeFactory scopes,
    EventOptions options,
    TimeProvider clock,
    ILogger<EventPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private const int Batch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    await PruneAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database may be briefly unavailable; the next tick tries again.
                    LogPruneFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Retention;
        var total = 0;
        int pruned;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            pruned = await scope.ServiceProvider.GetRequiredService<IEventStore>().PruneAsync(before, Batch, cancellationToken);
            total += pruned;
        }
        while (pruned == Batch);

        LogPruned(logger, total, before);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} events that occurred before {Before:o}.")]
    private static partial void LogPruned(ILogger logger, int count, DateTime before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune old events; retrying at the next interval.")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
