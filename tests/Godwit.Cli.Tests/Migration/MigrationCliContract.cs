using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Client;
using Godwit.Contracts.Users;
using Godwit.Migration;
using Godwit.Migration.EntityFrameworkCore;
using Godwit.Migration.Tests.Support;
using Godwit.Testing;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Cli.Tests.Migration;

/// <summary>
/// <c>godwit backfill</c>, <c>godwit migration status</c> and <c>export-unseen</c>, the real executable,
/// against a real Godwit and the application's database reached through the command line's options only.
/// </summary>
public abstract class MigrationCliContract(SqliteGodwit godwit) : AppDatabaseContract(godwit)
{
    private BackfillApp? app;

    private BackfillApp App => app ??= new BackfillApp(Database, Host);

    protected override ValueTask DisposeTestAsync()
    {
        app?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Status_counts_users_linked_at_login_created_at_sign_up_backfilled_and_not_yet_seen()
    {
        var linkedEmail = ApiCalls.UniqueEmail();
        await App.AddUsersAsync([(linkedEmail, null)]);
        await MigrateAsync(await Godwit.ByEmailCodeAsync(Host, linkedEmail));
        await MigrateAsync(await Godwit.ByEmailCodeAsync(Host, ApiCalls.UniqueEmail()));
        await App.AddUsersAsync([(ApiCalls.UniqueEmail(), null), (ApiCalls.UniqueEmail(), ApiCalls.UniquePhone()), (null, ApiCalls.UniquePhone()), (null, null)]);
        var backfill = await GodwitCli.RunAsync(["backfill", .. ApplicationArguments.For(App.Database), .. ApplicationArguments.Godwit(Host), "--rate", "200"]);
        await App.AddUsersAsync([(ApiCalls.UniqueEmail(), null), (ApiCalls.UniqueEmail(), null)]);

        var json = await GodwitCli.RunAsync(["migration", "status", "--json", "--days", "3", .. ApplicationArguments.For(App.Database)]);
        var tables = await GodwitCli.RunAsync(["migration", "status", .. ApplicationArguments.For(App.Database)]);

        Assert.True(backfill.ExitCode == 0, backfill.Errors + backfill.Output);
        Assert.Contains("no_address", backfill.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.Errors + json.Output);
        var stats = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(
            (8L, 5L, 1L, 1L, 3L, 0L, 3L),
            (Number(stats, "application_users"), Number(stats, "linked_users"), Number(stats, "linked_at_login"), Number(stats, "created_at_sign_up"),
                Number(stats, "backfilled"), Number(stats, "dual_written"), Number(stats, "not_yet_seen")));
        var today = Assert.Single(stats.GetProperty("days").EnumerateArray());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.GetProperty("day").GetString());
        Assert.Equal((1L, 1L, 3L), (Number(today, "linked_at_login"), Number(today, "created_at_sign_up"), Number(today, "backfilled")));
        Assert.True(tables.ExitCode == 0, tables.Errors + tables.Output);
        Assert.Contains("backfilled", tables.Output, StringComparison.Ordinal);
        Assert.Contains("not yet seen", tables.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_counts_social_logins_apart_per_provider()
    {
        var subject = GodwitUsers.UniqueGoogleSubject();
        await App.Database.AddUserAsync(googleId: subject);
        await MigrateAsync(await SocialUserAsync("Google", subject));
        await MigrateAsync(await SocialUserAsync("Github", GodwitUsers.UniqueGoogleSubject()));
        await MigrateAsync((await Godwit.ByEmailCodeAsync(Host, ApiCalls.UniqueEmail())).User);

        var json = await GodwitCli.RunAsync(["migration", "status", "--json", .. ApplicationArguments.For(App.Database)]);
        var tables = await GodwitCli.RunAsync(["migration", "status", .. ApplicationArguments.For(App.Database)]);

        Assert.True(json.ExitCode == 0, json.Errors + json.Output);
        var stats = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(
            (1L, 2L, 1L, 1L),
            (Number(stats, "linked_at_login"), Number(stats, "created_at_sign_up"), Number(stats, "linked_by_provider_subject"), Number(stats, "created_with_provider")));
        Assert.Equal(
            [("Github", 0L, 1L), ("Google", 1L, 0L)],
            stats.GetProperty("providers").EnumerateArray().Select(p => (p.GetProperty("provider_type").GetString(), Number(p, "linked_by_provider_subject"), Number(p, "created_at_sign_up"))));
        Assert.True(tables.ExitCode == 0, tables.Errors + tables.Output);
        Assert.Contains("of which by a social login's subject", tables.Output, StringComparison.Ordinal);
        Assert.Contains("social logins", tables.Output, StringComparison.Ordinal);
        Assert.Contains("Github", tables.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unseen_users_exported_and_imported_are_godwit_users_whose_external_id_is_the_application_id()
    {
        var unseen = await App.AddUsersAsync([(ApiCalls.UniqueEmail(), null), (ApiCalls.UniqueEmail(), ApiCalls.UniquePhone()), (null, ApiCalls.UniquePhone())]);
        await App.AddUsersAsync([(null, null)]);
        await App.Database.AddUserAsync(email: ApiCalls.UniqueEmail(), godwitUserId: "user-live-" + Guid.NewGuid());
        var folder = Directory.CreateTempSubdirectory("godwit-export-unseen-").FullName;
        var export = Path.Combine(folder, "unseen.jsonl");

        var exported = await GodwitCli.RunAsync(["migration", "export-unseen", export, .. ApplicationArguments.For(App.Database)]);
        var mapping = Path.Combine(folder, "unseen.mapping.json");
        var imported = await GodwitCli.RunAsync(["import", export, "--preset", "generic", "--option", $"mapping={mapping}", $"--Godwit:DataFolder={folder}"]);

        Assert.True(exported.ExitCode == 0, exported.Errors + exported.Output);
        Assert.Contains("1 more have neither an email nor a phone number", exported.Output, StringComparison.Ordinal);
        Assert.Contains($"godwit import \"{export}\" --preset generic --option mapping=\"{mapping}\"", exported.Output, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadLines(export).Count());
        Assert.True(imported.ExitCode == 0, imported.Errors + imported.Output);
        Assert.Empty(File.ReadAllText(export + ".errors.jsonl"));
        var inGodwit = await GodwitUsersAsync(Path.Combine(folder, "godwit.db"));
        Assert.Equal(
            unseen.Select(u => (Id(u), u.Email, u.Phone, "legacy")).Order(),
            inGodwit.Order());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_backfill_killed_mid_run_and_run_again_links_every_user_exactly_once()
    {
        const int People = 150;
        var emails = Enumerable.Range(0, People).Select(_ => ApiCalls.UniqueEmail()).ToList();
        var users = await App.AddUsersAsync(emails.Select(e => ((string?)e, (string?)null)));
        string[] arguments = ["backfill", .. ApplicationArguments.For(App.Database), .. ApplicationArguments.Godwit(Host)];

        using (var first = GodwitCli.Start([.. arguments, "--rate", "40", "--page-size", "25"]))
        {
            while (await LinkedAsync(users) < 40 && !first.HasExited)
            {
                await Task.Delay(20, Cancel);
            }

            Assert.False(first.HasExited, "the backfill finished before it could be killed: add users or lower the rate");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(Cancel);
        }

        var linkedAtKill = await LinkedAsync(users);
        var rerun = await GodwitCli.RunAsync([.. arguments, "--rate", "300"]);

        Assert.InRange(linkedAtKill, 40, People - 1);
        Assert.True(rerun.ExitCode == 0, rerun.Errors + rerun.Output);
        var stored = await App.UsersAsync(users);
        Assert.All(stored, u => Assert.NotNull(u.GodwitUserId));
        Assert.Equal(People, stored.Select(u => u.GodwitUserId).Distinct().Count());
        var search = await Godwit.Users.SearchAsync(
            new SearchUsersRequest { Limit = 1000, Query = new SearchQueryWire("AND", [new SearchOperandWire("email_address", new JsonArray([.. emails.Select(e => JsonValue.Create(e))]))]) },
            Cancel);
        Assert.Equal(stored.Select(u => (u.GodwitUserId, Id(u))).Order(), search.Results.Select(g => ((string?)g.UserId, g.ExternalId!)).Order());
        await using var db = App.Database.NewContext();
        var ids = stored.Select(Id).ToList();
        var events = await db.Set<MigrationEvent>().AsNoTracking().Where(e => ids.Contains(e.ApplicationUserId)).ToListAsync(Cancel);
        Assert.Equal(ids.Order(), events.Select(e => e.ApplicationUserId).Order());
    }

    private Task MigrateAsync(Contracts.MagicLinks.FactorAuthenticateResponse login) => MigrateAsync(login.User);

    private async Task MigrateAsync(UserWire user)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MigrationStep<AppUser>>().MigrateAsync(user, Cancel);
    }

    /// <summary>A Godwit user with one provider registration (written as a fixture step), as GET /v1/users/{id} answers.</summary>
    private async Task<UserWire> SocialUserAsync(string providerType, string subject)
    {
        var login = await Godwit.ByEmailCodeAsync(Host, ApiCalls.UniqueEmail());
        await Host.AddOAuthRegistrationAsync(login.UserId, providerType, subject);
        return await GodwitUsers.GetAsync(Host, login.UserId);
    }

    private async Task<int> LinkedAsync(List<AppUser> users) => (await App.UsersAsync(users)).Count(u => u.GodwitUserId is not null);

    /// <summary>(external_id, email, phone, first name) of every user in a Godwit SQLite database.</summary>
    private static async Task<List<(string, string?, string?, string)>> GodwitUsersAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Cancel);
        await using var command = new SqliteCommand(
            "SELECT u.external_id, e.address, p.number, u.first_name FROM users u "
            + "LEFT JOIN user_emails e ON e.user_id = u.user_id LEFT JOIN user_phones p ON p.user_id = u.user_id",
            connection);
        var users = new List<(string, string?, string?, string)>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            users.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }

        return users;
    }

    private static long Number(JsonElement json, string name) => json.GetProperty(name).GetInt64();

    private static string Id(AppUser user) => user.Id.ToString(CultureInfo.InvariantCulture);
}

public sealed class SqliteMigrationCliTests(SqliteGodwit godwit) : MigrationCliContract(godwit), IClassFixture<SqliteGodwit>
{
    protected override async Task<AppDatabase?> CreateDatabaseAsync() => await AppDatabase.SqliteAsync();
}

public sealed class PostgresMigrationCliTests(SqliteGodwit godwit) : MigrationCliContract(godwit), IClassFixture<SqliteGodwit>
{
    protected override Task<AppDatabase?> CreateDatabaseAsync() => AppDatabase.PostgresAsync();
}
