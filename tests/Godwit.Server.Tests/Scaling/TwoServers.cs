using Godwit.Testing;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Scaling;

/// <summary>
/// Two Godwit servers, as two processes would be, on one PostgreSQL database with one project's
/// credentials and keys. Shared by the tests of a class, which each use their own addresses.
/// </summary>
public sealed class TwoServers : IAsyncLifetime
{
    private GodwitHost? first;
    private GodwitHost? second;

    public GodwitHost First => PostgresGodwit.Require(first);

    public GodwitHost Second => PostgresGodwit.Require(second);

    public async ValueTask InitializeAsync()
    {
        if (PostgresCluster.UnavailableReason is not null)
        {
            return;
        }

        var database = await (await PostgresCluster.Shared).CreateDatabaseAsync();
        first = await GodwitHost.StartAsync(new GodwitHostOptions { PostgresConnectionString = database });
        second = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            PostgresConnectionString = database,
            Settings = new Dictionary<string, string?>
            {
                ["Godwit:ProjectId"] = first.ProjectId,
                ["Godwit:Secret"] = first.Secret,
                ["Godwit:EncryptionKeys"] = first.EncryptionKeys,
                ["Godwit:PublicUrl"] = first.BaseUrl.ToString().TrimEnd('/'),
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (first is not null)
        {
            await first.DisposeAsync();
        }

        if (second is not null)
        {
            await second.DisposeAsync();
        }
    }
}
