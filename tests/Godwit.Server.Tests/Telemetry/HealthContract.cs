using System.Net;
using System.Text.Json;
using Godwit.Storage;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Telemetry;

/// <summary>Liveness and readiness, the same on every database. Each test breaks its own Godwit.</summary>
public abstract class HealthContract
{
    protected abstract Task<GodwitHost> StartAsync();

    [Fact]
    public async Task Ready_answers_200_naming_every_check_when_all_pass()
    {
        await using var host = await StartAsync();

        var (status, body) = await GetAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        foreach (var check in new[] { "database", "migrations", "signing_keys" })
        {
            Assert.Equal("ok", body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_migrations_when_the_schema_is_behind_the_build()
    {
        await using var host = await StartAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // As if this build's last migration had not been applied yet.
            var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                """DELETE FROM "__EFMigrationsHistory" WHERE migration_id = (SELECT MAX(migration_id) FROM "__EFMigrationsHistory")""",
                TestContext.Current.CancellationToken);
        }

        var (status, body) = await GetAsync(host, "/health/ready");
        var (liveStatus, _) = await GetAsync(host, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal("failed", checks.GetProperty("migrations").GetProperty("status").GetString());
        Assert.Equal("1 migrations pending", checks.GetProperty("migrations").GetProperty("description").GetString());
        Assert.Equal("ok", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, liveStatus);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(GodwitHost host, string path)
    {
        using var response = await host.Anonymous.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }
}

public sealed class SqliteHealthTests : HealthContract
{
    protected override Task<GodwitHost> StartAsync() => GodwitHost.StartAsync();

    [Fact]
    public async Task Live_answers_200_with_no_database_asked()
    {
        await using var host = await StartAsync();

        var (status, body) = await GetAsync(host, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }
}

public sealed class PostgresHealthTests : HealthContract
{
    protected override async Task<GodwitHost> StartAsync() => PostgresGodwit.Require(await PostgresGodwit.StartAsync(new GodwitHostOptions()));

    [Fact]
    public async Task Ready_answers_503_naming_the_database_once_PostgreSQL_stops_while_live_stays_200()
    {
        if (PostgresCluster.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        // A cluster of its own, to stop without disturbing the other tests'.
        var cluster = await PostgresCluster.StartAsync();
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { PostgresConnectionString = await cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken) });
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/health/ready")).Status);

        await cluster.DisposeAsync();
        var (status, body) = await GetAsync(host, "/health/ready");
        var (liveStatus, _) = await GetAsync(host, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("failed", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("database unreachable", body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("signing_keys").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, liveStatus);
    }
}
