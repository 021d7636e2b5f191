using Godwit.Core.Sessions;

namespace Godwit.Server.Sessions;

/// <summary>
/// Deletes sessions that expired more than <see cref="Grace"/> ago, in batches, and records one
/// <c>session.expired</c> per deleted session in the deletion's transaction. Expired sessions are
/// never served (every lookup compares expires_at), so the grace only keeps a session that a slow
/// check is still reading from disappearing under it.
/// </summary>
internal sealed partial class SessionPruner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    /// <summary>Small enough that one transaction never holds the table for long.</summary>
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var pruned = await PruneAsync(stoppingToken);
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

    /// <summary>Prunes batch after batch until none is left; the count deleted.</summary>
    internal async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - Grace;
        var total = 0;
        while (true)
        {
            // A scope per batch: each batch's events leave the change tracker with it.
            await using var scope = scopes.CreateAsyncScope();
            var events = scope.ServiceProvider.GetRequiredService<SessionEvents>();
            var pruned = await scope.ServiceProvider.GetRequiredService<ISessionStore>()
                .PruneExpiredAsync(before, BatchSize, events.Expired, cancellationToken);
            total += pruned;
            if (pruned < BatchSize)
            {
                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} expired sessions.")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune expired sessions; retrying at the next interval.")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
