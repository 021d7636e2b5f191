using Godwit.Testing;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests;

/// <summary>
/// One Godwit on a fresh database of the shared PostgreSQL cluster, shared by the test classes that
/// ask for it. Where no cluster can run, <see cref="Host"/> skips the test (fails it under CI, see <see cref="MissingTool"/>).
/// </summary>
public sealed class PostgresGodwit : IAsyncLifetime
{
    private GodwitHost? host;

    public GodwitHost Host => Require(host);

    /// <summary>Starts a Godwit on a new PostgreSQL database, or returns null when PostgreSQL is unavailable here.</summary>
    public static async Task<GodwitHost?> StartAsync(GodwitHostOptions options)
    {
        if (PostgresCluster.UnavailableReason is not null)
        {
            return null;
        }

        var cluster = await PostgresCluster.Shared;
        return await GodwitHost.StartAsync(options with { PostgresConnectionString = await cluster.CreateDatabaseAsync() });
    }

    /// <summary>The host, or <see cref="MissingTool.Skip(string)"/> with the reason PostgreSQL is unavailable.</summary>
    public static GodwitHost Require(GodwitHost? started)
    {
        if (started is null)
        {
            MissingTool.Skip(PostgresCluster.UnavailableReason ?? "PostgreSQL is unavailable.");
        }

        return started;
    }

    public async ValueTask InitializeAsync() => host = await StartAsync(new GodwitHostOptions());

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
