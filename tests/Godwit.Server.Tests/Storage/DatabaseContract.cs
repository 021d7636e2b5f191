using System.Net;
using Godwit.Server.Tests.Sessions;
using Godwit.Server.Tests.Users;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Storage;

/// <summary>What each database must hold, and how it reports its health: the same on every database.</summary>
public abstract class DatabaseContract
{
    protected abstract GodwitHost Host { get; }

    [Fact]
    public async Task Health_answers_ok_without_credentials_when_the_database_answers()
    {
        using var response = await Host.Anonymous.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Emails_are_stored_lower_cased_and_phone_numbers_in_e164_form()
    {
        var email = ApiCalls.UniqueEmail("MiXeD");
        var subscriber = TestUsers.RandomSubscriber();

        var userId = await TestUsers.CreateIdAsync(Host.Client, new { email, phone_number = $"+1 (555) {subscriber[..3]}-{subscriber[3..]}" });

        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        Assert.Equal(email.ToLowerInvariant(), await db.UserEmails.Where(e => e.UserId == userId).Select(e => e.Address).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal("+1555" + subscriber, await db.UserPhones.Where(p => p.UserId == userId).Select(p => p.Number).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_emails_phone_numbers_and_sessions_rows()
    {
        var userId = await TestUsers.CreateIdAsync(Host.Client, new { email = ApiCalls.UniqueEmail(), phone_number = ApiCalls.UniquePhone() });
        await TestSessions.StartForAsync(Host, userId);

        await Host.Client.DeleteJsonAsync($"/v1/users/{userId}");

        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        var cancel = TestContext.Current.CancellationToken;
        Assert.Equal(0, await db.UserEmails.CountAsync(e => e.UserId == userId, cancel));
        Assert.Equal(0, await db.UserPhones.CountAsync(p => p.UserId == userId, cancel));
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.UserId == userId, cancel));
    }

    [Fact]
    public async Task Session_tokens_are_stored_only_as_their_hash()
    {
        var started = await TestSessions.StartAsync(Host);

        await using var scope = Host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Sessions.AsNoTracking()
            .SingleAsync(s => s.SessionId == started.SessionId, TestContext.Current.CancellationToken);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(started.Token)), stored.TokenHash);
    }
}

public sealed class DatabaseOnSqlite(SqliteGodwit godwit) : DatabaseContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;

    [Fact]
    public async Task Every_pooled_connection_enforces_foreign_keys_and_waits_for_the_writer()
    {
        // Many scopes at once take several physical connections from the pool, each reopened.
        var settings = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
            var results = new List<(long, long, long)>();
            for (var open = 0; open < 3; open++)
            {
                // EF Core opens and closes the connection like this around each query.
                await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
                results.Add((await PragmaAsync(db, "foreign_keys"), await PragmaAsync(db, "busy_timeout"), await PragmaAsync(db, "synchronous")));
                await db.Database.CloseConnectionAsync();
            }

            return results;
        }));

        Assert.All(settings.SelectMany(s => s), s => Assert.Equal((1L, 5000L, 1L), s));
    }

    private static async Task<long> PragmaAsync(GodwitDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

public sealed class DatabaseOnPostgres(PostgresGodwit godwit) : DatabaseContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
