using Godwit.Storage.Postgres;
using Godwit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Tests.Support;

/// <summary>A fresh, migrated database of the shared throwaway PostgreSQL cluster.</summary>
public sealed class PostgresStores : StoreDatabase
{
    protected override string UnavailableReason => PostgresCluster.UnavailableReason ?? "PostgreSQL is unavailable.";

    protected override async Task<ServiceProvider?> OpenAsync(CancellationToken cancellationToken)
    {
        if (PostgresCluster.UnavailableReason is not null)
        {
            return null;
        }

        var cluster = await PostgresCluster.Shared;
        var services = new ServiceCollection().AddGodwitPostgres(await cluster.CreateDatabaseAsync(cancellationToken)).BuildServiceProvider();
        await PostgresStorage.MigrateAsync(services, cancellationToken);
        return services;
    }
}
