using System.Globalization;
using System.Text.Json.Nodes;
using Godwit.Client;
using Godwit.Contracts.Users;
using Godwit.Migration.Backfill;
using Godwit.Migration.EntityFrameworkCore;
using Godwit.Migration.Statistics;
using Godwit.Migration.Tests.Support;
using Godwit.Testing;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.Tests.Backfill;

/// <summary>
/// The backfill against a real Godwit and a real application database: every unlinked user gets its
/// Godwit user once, whatever Godwit already holds and however often the run is stopped.
/// </summary>
public abstract class BackfillContract(SqliteGodwit godwit) : AppDatabaseContract(godwit)
{
    private BackfillApp? app;

    private BackfillApp App => app ??= new BackfillApp(Database, Host);

    protected override ValueTask DisposeTestAsync()
    {
        app?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Every_unlinked_user_gets_a_godwit_user_holding_its_id_as_external_id_and_is_linked()
    {
        var users = await App.AddUsersAsync(Enumerable.Range(0, 12).Select(i => ((string?)ApiCalls.UniqueEmail(), i % 3 == 0 ? ApiCalls.UniquePhone() : null)));
        var phoneOnly = (await App.AddUsersAsync([(null, ApiCalls.UniquePhone())])).Single();
        var noAddress = (await App.AddUsersAsync([(null, null)])).Single();
        var alreadyLinked = await App.Database.AddUserAsync(email: ApiCalls.UniqueEmail(), godwitUserId: "user-live-" + Guid.NewGuid());

        var result = await App.BackfillAsync(new BackfillOptions { RequestsPerSecond = 200 }, cancellationToken: Cancel);

        Assert.Equal(new BackfillProgress(Examined: 14, Created: 13, LinkedExisting: 0, AlreadyLinked: 0, Failed: 1), result.Totals);
        Assert.Equal(("no_address", Id(noAddress)), (Assert.Single(result.Failures).ErrorType, Assert.Single(result.Failures).ApplicationUserId));
        foreach (var stored in await App.UsersAsync([.. users, phoneOnly]))
        {
            Assert.NotNull(stored.GodwitUserId);
            var inGodwit = await Godwit.Users.GetAsync(stored.GodwitUserId, Cancel);
            Assert.Equal(Id(stored), inGodwit.ExternalId);
            Assert.Equal(stored.Email, inGodwit.Emails.SingleOrDefault()?.Email);
            Assert.Equal(stored.Phone, inGodwit.PhoneNumbers.SingleOrDefault()?.PhoneNumber);
            var recorded = Assert.Single(await App.Database.EventsAsync(stored.GodwitUserId));
            Assert.Equal(("backfilled", "none", Id(stored)), (recorded.Outcome, recorded.MatchedBy, recorded.ApplicationUserId));
        }

        Assert.Null((await App.Database.FindAsync(noAddress.Id)).GodwitUserId);
        Assert.Equal(alreadyLinked.GodwitUserId, (await App.Database.FindAsync(alreadyLinked.Id)).GodwitUserId);
        await using var scope = App.Services.CreateAsyncScope();
        var stats = await scope.ServiceProvider.GetRequiredService<IMigrationStats>().GetAsync(1, Cancel);
        Assert.Equal((15L, 14L, 13L, 1L), (stats.ApplicationUsers, stats.LinkedUsers, stats.Backfilled, stats.NotYetSeen));
        Assert.Equal(13, Assert.Single(stats.Days).Backfilled);
    }

    [Fact]
    public async Task A_person_godwit_has_with_the_email_verified_is_linked_to_that_user_and_not_created_again()
    {
        var email = ApiCalls.UniqueEmail();
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        var user = (await App.AddUsersAsync([(email, null)])).Single();

        var result = await App.BackfillAsync(cancellationToken: Cancel);

        Assert.Equal(1, result.Totals.LinkedExisting);
        Assert.Equal(login.UserId, (await App.Database.FindAsync(user.Id)).GodwitUserId);
        Assert.Equal(("backfilled", "email"), Single(await App.Database.EventsAsync(login.UserId)));
        Assert.Equal(Id(user), (await Godwit.Users.GetAsync(login.UserId, Cancel)).ExternalId);
        Assert.Single(await SearchByEmailsAsync([email]));
    }

    [Fact]
    public async Task An_address_godwit_holds_unproven_links_nobody()
    {
        var email = ApiCalls.UniqueEmail();
        var squatter = await Godwit.Users.CreateAsync(new CreateUserRequest { Email = email }, Cancel);
        var user = (await App.AddUsersAsync([(email, null)])).Single();

        var result = await App.BackfillAsync(cancellationToken: Cancel);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(("address_unverified", Id(user)), (failure.ErrorType, failure.ApplicationUserId));
        Assert.Contains(squatter.UserId, failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Null((await App.Database.FindAsync(user.Id)).GodwitUserId);
        Assert.Null((await Godwit.Users.GetAsync(squatter.UserId, Cancel)).ExternalId);
    }

    [Fact]
    public async Task A_godwit_user_made_for_this_application_user_before_a_crash_is_found_by_external_id_and_linked()
    {
        var email = ApiCalls.UniqueEmail();
        var user = (await App.AddUsersAsync([(email, null)])).Single();
        // What a run killed between Create User and the link leaves behind.
        var orphan = await Godwit.Users.CreateAsync(new CreateUserRequest { Email = email, ExternalId = Id(user) }, Cancel);

        var result = await App.BackfillAsync(cancellationToken: Cancel);

        Assert.Equal(1, result.Totals.LinkedExisting);
        Assert.Equal(orphan.UserId, (await App.Database.FindAsync(user.Id)).GodwitUserId);
        Assert.Equal(("backfilled", "external_id"), Single(await App.Database.EventsAsync(orphan.UserId)));
        Assert.Single(await SearchByEmailsAsync([email]));
    }

    [Fact]
    public async Task Calls_to_godwit_stay_within_the_rate_asked_for()
    {
        await App.AddUsersAsync(Enumerable.Range(0, 30).Select(_ => ((string?)ApiCalls.UniqueEmail(), (string?)null)));

        var result = await App.BackfillAsync(new BackfillOptions { RequestsPerSecond = 10, Concurrency = 8 }, cancellationToken: Cancel);

        Assert.Equal(30, result.Totals.Created);
        var times = App.Calls.Select(c => c.At).Order().ToList();
        Assert.Equal(30, times.Count);
        // 30 calls at 10 a second take ~2.9 s; unpaced, 8 at a time, they take a fraction of one. The
        // margins absorb a busy machine running a call a few hundred milliseconds late, which
        // bunches it with the next ones without the pacer having let them go early.
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(2.4), $"30 calls took {times[^1] - times[0]}");
        var busiestSecond = times.Max(start => times.Count(t => t >= start && t < start + TimeSpan.FromSeconds(1)));
        Assert.True(busiestSecond <= 14, $"{busiestSecond} calls in one second at 10/s");
    }

    [Fact]
    public async Task A_run_cancelled_midway_and_run_again_links_every_user_exactly_once()
    {
        var emails = Enumerable.Range(0, 80).Select(_ => ApiCalls.UniqueEmail()).ToList();
        var users = await App.AddUsersAsync(emails.Select(e => ((string?)e, (string?)null)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new Callback(p =>
        {
            if (p.Examined >= 30)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => App.BackfillAsync(new BackfillOptions { RequestsPerSecond = 100, Concurrency = 8 }, progress, stop.Token));
        var linkedAtStop = (await App.UsersAsync(users)).Count(u => u.GodwitUserId is not null);
        var rerun = await App.BackfillAsync(new BackfillOptions { RequestsPerSecond = 200 }, cancellationToken: Cancel);

        Assert.InRange(linkedAtStop, 30, 79);
        Assert.Empty(rerun.Failures);
        await AssertLinkedExactlyOnceAsync(users, emails);
    }

    [Fact]
    public async Task Two_runs_at_once_link_every_user_exactly_once()
    {
        var emails = Enumerable.Range(0, 40).Select(_ => ApiCalls.UniqueEmail()).ToList();
        var users = await App.AddUsersAsync(emails.Select(e => ((string?)e, (string?)null)));
        var options = new BackfillOptions { RequestsPerSecond = 200, Concurrency = 4, PageSize = 7 };

        var runs = await Task.WhenAll(App.BackfillAsync(options, cancellationToken: Cancel), App.BackfillAsync(options, cancellationToken: Cancel));

        Assert.All(runs, run => Assert.Empty(run.Failures));
        Assert.Equal(40, runs.Sum(r => r.Totals.Created + r.Totals.LinkedExisting));
        await AssertLinkedExactlyOnceAsync(users, emails);
    }

    private async Task AssertLinkedExactlyOnceAsync(List<AppUser> users, List<string> emails)
    {
        var stored = await App.UsersAsync(users);
        Assert.All(stored, u => Assert.NotNull(u.GodwitUserId));
        Assert.Equal(stored.Count, stored.Select(u => u.GodwitUserId).Distinct().Count());
        var inGodwit = await SearchByEmailsAsync(emails);
        Assert.Equal(
            stored.Select(u => (u.GodwitUserId, Id(u))).Order(),
            inGodwit.Select(g => ((string?)g.UserId, g.ExternalId!)).Order());
        await using var db = App.Database.NewContext();
        var ids = stored.Select(Id).ToList();
        var events = await db.Set<MigrationEvent>().AsNoTracking().Where(e => ids.Contains(e.ApplicationUserId)).ToListAsync(Cancel);
        Assert.Equal(ids.Order(), events.Select(e => e.ApplicationUserId).Order());
        Assert.All(events, e => Assert.Equal("backfilled", e.Outcome));
    }

    private async Task<IReadOnlyList<UserWire>> SearchByEmailsAsync(IReadOnlyList<string> emails)
    {
        var found = await Godwit.Users.SearchAsync(
            new SearchUsersRequest { Limit = 1000, Query = new SearchQueryWire("AND", [new SearchOperandWire("email_address", new JsonArray([.. emails.Select(e => JsonValue.Create(e))]))]) },
            Cancel);
        return found.Results;
    }

    private static (string, string) Single(List<MigrationEvent> events)
    {
        var only = Assert.Single(events);
        return (only.Outcome, only.MatchedBy);
    }

    private static string Id(AppUser user) => user.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Called on the reporting thread at once (Progress&lt;T&gt; would post it later).</summary>
    private sealed class Callback(Action<BackfillProgress> report) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value) => report(value);
    }
}

public sealed class SqliteBackfillTests(SqliteGodwit godwit) : BackfillContract(godwit), IClassFixture<SqliteGodwit>
{
    protected override async Task<AppDatabase?> CreateDatabaseAsync() => await AppDatabase.SqliteAsync();
}

public sealed class PostgresBackfillTests(SqliteGodwit godwit) : BackfillContract(godwit), IClassFixture<SqliteGodwit>
{
    protected override Task<AppDatabase?> CreateDatabaseAsync() => AppDatabase.PostgresAsync();
}
