using Godwit.Core.OAuth;

namespace Godwit.Server.OAuth;

/// <summary>
/// Deletes OAuth states and grants an hour after they expired. An expired row is inert, but anyone
/// can open start links, so without pruning the tables would grow with every unfinished flow.
/// </summary>
internal sealed partial class OAuthFlowPruner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OAuthFlowPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    // Kept a while after expiry so a late request is answered "expired or used", as the docs say, and
    // a support question about a flow that just failed can still be looked up.
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var pruned = await scope.ServiceProvider.GetRequiredService<IOAuthFlowStore>()
                        .PruneAsync(clock.GetUtcNow().UtcDateTime - KeptAfterExpiry, stoppingToken);
                    LogPruned(logger, pruned);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database may be briefly unavailable; the next tick tries again.
                    LogPruneFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} expired OAuth states and grants.")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune expired OAuth states and grants; retrying at the next interval.")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
