using System.Diagnostics;
using System.Text.Json;
using Godwit.Contracts.Users;
using Godwit.Core.Events;
using Godwit.Migration.Tests.Support;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.Tests.Reporting;

/// <summary>The step's outcomes reach a real Godwit's event log, and a Godwit that is down costs the login nothing.</summary>
public sealed class MigrationOutcomeReportTests(SqliteGodwit godwit) : AppDatabaseContract(godwit), IClassFixture<SqliteGodwit>
{
    [Fact]
    public async Task A_link_by_email_is_reported_as_a_migration_event_with_its_path()
    {
        var email = ApiCalls.UniqueEmail();
        var existing = await Database.AddUserAsync(email: email);
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        await using var services = Database.Services(Host);

        var result = await MigrateAsync(services, login.User);

        Assert.Equal(MigrationOutcome.Linked, result.Outcome);
        var reported = await WaitForReportAsync(Host, login.UserId);
        var payload = JsonDocument.Parse(reported.Payload).RootElement;
        Assert.Equal(("email", "linked"), (payload.GetProperty("path").GetString(), payload.GetProperty("outcome").GetString()));
        Assert.Equal(existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), payload.GetProperty("application_user_id").GetString());
        Assert.Equal((EventActor.ApiKeyType, Host.ProjectId), (reported.ActorType, reported.ActorId));
    }

    [Fact]
    public async Task Switched_off_nothing_is_reported()
    {
        var login = await Godwit.ByEmailCodeAsync(Host, ApiCalls.UniqueEmail());
        await using (var services = Database.Services(Host, options => options.ReportOutcomes = false))
        {
            Assert.Equal(MigrationOutcome.Created, (await MigrateAsync(services, login.User)).Outcome);
        }

        Assert.Empty(await ReportsAsync(Host, login.UserId));
    }

    [Fact]
    public async Task With_godwit_down_the_login_still_succeeds_at_once()
    {
        await using var doomed = await GodwitHost.StartAsync();
        using var doomedClient = TestClient.For(doomed);
        var login = await doomedClient.Client.ByEmailCodeAsync(doomed, ApiCalls.UniqueEmail());
        await using var services = Database.Services(doomed);
        await doomed.DisposeAsync();

        var watch = Stopwatch.StartNew();
        var result = await MigrateAsync(services, login.User);
        watch.Stop();

        Assert.Equal(MigrationOutcome.Created, result.Outcome);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"the step took {watch.Elapsed}");
    }

    protected override async Task<AppDatabase?> CreateDatabaseAsync() => await AppDatabase.SqliteAsync();

    private static async Task<MigrationResult<AppUser>> MigrateAsync(ServiceProvider services, UserWire user)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MigrationStep<AppUser>>().MigrateAsync(user, Cancel);
    }

    private static async Task<GodwitEvent> WaitForReportAsync(GodwitHost host, string userId)
    {
        // The report travels in the background, after the step has returned.
        for (var waited = 0; waited < 100; waited++)
        {
            if ((await ReportsAsync(host, userId)).SingleOrDefault() is { } reported)
            {
                return reported;
            }

            await Task.Delay(100, Cancel);
        }

        throw new TimeoutException($"No migration.reported event for {userId}.");
    }

    private static async Task<List<GodwitEvent>> ReportsAsync(GodwitHost host, string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Set<GodwitEvent>().AsNoTracking()
            .Where(e => e.UserId == userId && e.Type == EventTypes.MigrationReported).ToListAsync(Cancel);
    }
}
