using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Otps;
using Godwit.Core.Passwords;
using Godwit.Core.Security;

namespace Godwit.Server.Security;

/// <summary>
/// Deletes budgets whose window ended long ago. A guesser can make one row per email they try, so
/// without pruning the table would grow with every attack; a pruned row is one that would start
/// afresh at its next use anyway.
/// </summary>
internal sealed partial class BudgetPruner(
    IServiceScopeFactory scopes,
    PasswordOptions passwords,
    OtpOptions otps,
    TimeProvider clock,
    ILogger<BudgetPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var longestWindow = new[] { passwords.LockDuration, otps.FailureWindow, SendLimitOptions.Window }.Max();
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var pruned = await scope.ServiceProvider.GetRequiredService<IBudgetStore>()
                        .PruneAsync(clock.GetUtcNow().UtcDateTime - longestWindow, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} spent budgets.")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune spent budgets; retrying at the next interval.")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
