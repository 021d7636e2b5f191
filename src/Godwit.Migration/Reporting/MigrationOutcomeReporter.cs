using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Godwit.Client;
using Godwit.Contracts.Migration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Godwit.Migration.Reporting;

/// <summary>
/// Reports the migration step's outcomes to Godwit (<c>POST /v1/migration/outcomes</c>) in the
/// background, best effort: the step only puts a report in a bounded queue, after the application's
/// own commit, and returns; a full queue drops the report, and a Godwit that is down or slow costs
/// each report at most <see cref="MigrationOptions.ReportTimeout"/> on the sending loop, never the
/// login. Failures are logged, never thrown. Off with <see cref="MigrationOptions.ReportOutcomes"/>.
/// </summary>
public sealed partial class MigrationOutcomeReporter : IAsyncDisposable, IDisposable
{
    /// <summary>Reports waiting to be sent; beyond this, new ones are dropped.</summary>
    public const int QueueCapacity = 1024;

    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(2);

    private readonly Channel<ReportMigrationOutcomeRequest> queue = Channel.CreateBounded<ReportMigrationOutcomeRequest>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly IServiceProvider services;
    private readonly MigrationOptions options;
    private readonly ILogger<MigrationOutcomeReporter> logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task sending;

    /// <summary>Created by dependency injection, as a singleton; sends with the registered <see cref="GodwitClient"/>, if any.</summary>
    public MigrationOutcomeReporter(IServiceProvider services, IOptions<MigrationOptions> options, ILogger<MigrationOutcomeReporter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.services = services;
        this.options = options.Value;
        this.logger = logger;
        sending = Task.Run(SendAllAsync);
    }

    /// <summary>Queues a report of <paramref name="result"/>; returns at once.</summary>
    public void Report(MigrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!options.ReportOutcomes)
        {
            return;
        }

        var request = new ReportMigrationOutcomeRequest
        {
            UserId = result.GodwitUserId,
            Outcome = NameOf(result.Outcome.ToString()),
            Path = NameOf(result.MatchedBy.ToString()),
            ApplicationUserId = result.ApplicationUserId,
            Details = result.ProviderType is { } provider ? new JsonObject { ["provider_type"] = provider } : null,
        };
        if (!queue.Writer.TryWrite(request))
        {
            LogDropped(logger, result.GodwitUserId);
        }
    }

    /// <summary>Gives the queued reports a moment to go, then stops sending.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        // Whatever is queued gets a moment to go; then the loop is stopped.
        await Task.WhenAny(sending, Task.Delay(DrainOnDispose)).ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    /// <summary>
    /// Stops sending at once, for a container disposed synchronously (an application's shutdown
    /// must not fail for reports): what is still queued goes unreported.
    /// </summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        stopping.Cancel();
        // The loop ends at its next await (a failure there, with the container half disposed, is
        // of no interest now); the token source outlives it.
        Task.WhenAny(sending, Task.Delay(DrainOnDispose)).Wait();
        stopping.Dispose();
    }

    /// <summary>The library's names on the wire: <c>AlreadyLinked</c> is <c>already_linked</c>.</summary>
    private static string NameOf(string member) => JsonNamingPolicy.SnakeCaseLower.ConvertName(member);

    private async Task SendAllAsync()
    {
        try
        {
            await foreach (var request in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
            {
                await SendAsync(request).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(ReportMigrationOutcomeRequest request)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(options.ReportTimeout);
        try
        {
            if (services.GetService<GodwitClient>() is not { } client)
            {
                return;
            }

            await client.Migration.ReportOutcomeAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (GodwitApiException exception)
        {
            // Godwit refused the report: a version without the endpoint, or a bug worth seeing.
            LogRefused(logger, request.UserId, exception.ErrorType);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !stopping.IsCancellationRequested)
        {
            // Godwit unreachable or slow: the login went through, and the counts can miss one.
            LogUnsent(logger, exception, request.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The report queue is full; the migration outcome of Godwit user {GodwitUserId} is not reported.")]
    private static partial void LogDropped(ILogger logger, string godwitUserId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Godwit refused the migration outcome of Godwit user {GodwitUserId}: {ErrorType}")]
    private static partial void LogRefused(ILogger logger, string? godwitUserId, string errorType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not report the migration outcome of Godwit user {GodwitUserId}.")]
    private static partial void LogUnsent(ILogger logger, Exception exception, string? godwitUserId);
}
