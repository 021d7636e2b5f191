using Godwit.Core.Sessions;

namespace Godwit.Server.Sessions;

/// <summary>
/// Writes the access times <see cref="SessionAccessLog"/> collects, one transaction per
/// <see cref="SessionTokenOptions.AccessWriteInterval"/>, and whatever is left when the server stops.
/// </summary>
internal sealed partial class SessionAccessWriter(SessionAccessLog log, IServiceScopeFactory scopes, SessionTokenOptions options, ILogger<SessionAccessWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.AccessWriteInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(cancellationToken);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var batch = log.Drain();
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISessionStore>().RecordAccessesAsync(batch, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database may be briefly unavailable: keep the times for the next attempt.
            foreach (var access in batch)
            {
                log.Record(access.SessionId, access.AccessedAt);
            }

            LogWriteFailed(logger, exception, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the last access time of {Count} sessions; retrying with the next batch.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
