using System.Globalization;
using Godwit.Migration.Backfill;
using Godwit.Migration.DualWrite;
using Godwit.Migration.Statistics;
using Godwit.Migration.Tests.Support;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.Tests.DualWrite;

/// <summary>A sign-up the application still takes itself gets its Godwit user at once, and its first Godwit login finds it linked.</summary>
public sealed class DualWriteTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>, IAsyncLifetime
{
    private AppDatabase database = null!;
    private BackfillApp app = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await AppDatabase.SqliteAsync();
        app = new BackfillApp(database, godwit.Host);
    }

    public async ValueTask DisposeAsync()
    {
        app.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_new_application_user_is_created_in_godwit_and_its_first_login_finds_it_linked()
    {
        var email = ApiCalls.UniqueEmail();
        await using var signUp = app.Services.CreateAsyncScope();
        var db = signUp.ServiceProvider.GetRequiredService<AppDb>();
        var user = new AppUser { Email = email, DisplayName = "signed up in the application" };
        db.Users.Add(user);
        await db.SaveChangesAsync(Cancel);

        var written = await signUp.ServiceProvider.GetRequiredService<MigrationDualWrite<AppUser>>().CreateAsync(user, Cancel);

        Assert.Equal((ProvisionOutcome.Created, user.Id.ToString(CultureInfo.InvariantCulture)), (written.Outcome, written.ApplicationUserId));
        Assert.Equal(written.GodwitUserId, user.GodwitUserId);
        Assert.Equal("dual_written", Assert.Single(await database.EventsAsync(written.GodwitUserId!)).Outcome);
        using var client = TestClient.For(godwit.Host);
        var login = await client.Client.ByEmailCodeAsync(godwit.Host, email);
        Assert.Equal(written.GodwitUserId, login.UserId);
        await using var loginScope = app.Services.CreateAsyncScope();
        var step = await loginScope.ServiceProvider.GetRequiredService<MigrationStep<AppUser>>().MigrateAsync(login.User, Cancel);
        Assert.Equal((MigrationOutcome.AlreadyLinked, user.Id), (step.Outcome, step.User.Id));
        var stats = await loginScope.ServiceProvider.GetRequiredService<IMigrationStats>().GetAsync(1, Cancel);
        Assert.Equal((1L, 1L, 0L), (stats.DualWritten, stats.LinkedUsers, stats.Backfilled));
    }

    [Fact]
    public async Task A_user_written_twice_is_created_in_godwit_once()
    {
        var user = (await app.AddUsersAsync([(ApiCalls.UniqueEmail(), ApiCalls.UniquePhone())])).Single();

        await using var first = app.Services.CreateAsyncScope();
        var once = await first.ServiceProvider.GetRequiredService<MigrationDualWrite<AppUser>>().CreateAsync(user, Cancel);
        await using var second = app.Services.CreateAsyncScope();
        var twice = await second.ServiceProvider.GetRequiredService<MigrationDualWrite<AppUser>>().CreateAsync(user, Cancel);

        Assert.Equal((ProvisionOutcome.Created, ProvisionOutcome.AlreadyLinked), (once.Outcome, twice.Outcome));
        Assert.Equal(once.GodwitUserId, twice.GodwitUserId);
        Assert.Single(app.Calls, c => c.Request == "POST /v1/users");
    }
}
