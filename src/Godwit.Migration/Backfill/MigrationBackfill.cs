using System.Runtime.CompilerServices;
using Godwit.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Godwit.Migration.Backfill;

/// <summary>
/// Gives every application user that has no Godwit user yet one, ahead of their first login: walks
/// them in primary-key order, creates each in Godwit (or finds the one Godwit already has), and links
/// it with the migration step's conditional update, recording a <c>backfilled</c> outcome, at a bounded
/// rate and concurrency.
/// <para>
/// There is no checkpoint file: the link on each application row is the checkpoint, committed with its
/// outcome. A run stopped at any instant (cancelled, killed) leaves each user either linked or not; the
/// next run queries the users still without a Godwit user id, and one created in Godwit just before the
/// stop is found there by its external_id and linked, not created again.
/// </para>
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public sealed partial class MigrationBackfill<TUser>
    where TUser : class
{
    private readonly IServiceScopeFactory scopes;
    private readonly GodwitClient godwit;
    private readonly TimeProvider clock;
    private readonly ILogger<MigrationBackfill<TUser>> logger;

    /// <summary>Created by dependency injection (<c>AddGodwitMigration</c>, with <c>AddGodwitClient</c>).</summary>
    public MigrationBackfill(IServiceScopeFactory scopes, GodwitClient godwit, TimeProvider clock, ILogger<MigrationBackfill<TUser>> logger)
    {
        this.scopes = scopes;
        this.godwit = godwit;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>Backfills every user without a Godwit user id, and returns the counts and the failures.</summary>
    /// <param name="options">Rate and concurrency; the defaults when null.</param>
    /// <param name="progress">Told the counts after each user, from several threads at once.</param>
    /// <param name="cancellationToken">Stops the run; what is linked stays linked.</param>
    /// <exception cref="BackfillStoppedException">Too many users in a row failed for reasons not theirs.</exception>
    public async Task<BackfillResult> RunAsync(BackfillOptions? options = null, IProgress<BackfillProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new BackfillOptions();
        options.Validate();
        var started = clock.GetTimestamp();
        using var pace = new RequestPacer(options.RequestsPerSecond);
        var tally = new BackfillTally(options.MaxConsecutiveFailures);
        await using var listing = scopes.CreateAsyncScope();
        var unlinked = UnlinkedAsync(listing.ServiceProvider.GetRequiredService<IBackfillStore<TUser>>(), options.PageSize, cancellationToken);
        await Parallel.ForEachAsync(
            unlinked,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (user, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<IApplicationUserStore<TUser>>();
                var provisioner = new GodwitUserProvisioner<TUser>(users, scope.ServiceProvider.GetRequiredService<IBackfillStore<TUser>>(), godwit, clock, logger);
                try
                {
                    tally.Add(await provisioner.ProvisionAsync(user, MigrationOutcome.Backfilled, pace, token));
                }
                catch (Exception exception) when (!token.IsCancellationRequested)
                {
                    LogUserFailed(logger, exception, users.GetApplicationUserId(user));
                    tally.AddBroken(users.GetApplicationUserId(user), exception);
                }

                progress?.Report(tally.Snapshot);
            });
        return new BackfillResult(tally.Snapshot, tally.Failures, clock.GetElapsedTime(started));
    }

    /// <summary>
    /// Page after page by key. Each page starts after the previous page's last user, so users that fail
    /// (and stay unlinked) are passed once per run, not met again on every page.
    /// </summary>
    private static async IAsyncEnumerable<TUser> UnlinkedAsync(IBackfillStore<TUser> source, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TUser? after = null;
        while (true)
        {
            var page = await source.ListUnlinkedAsync(after, pageSize, cancellationToken);
            foreach (var user in page)
            {
                yield return user;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backfill of application user {ApplicationUserId} failed")]
    private static partial void LogUserFailed(ILogger logger, Exception exception, string applicationUserId);
}
