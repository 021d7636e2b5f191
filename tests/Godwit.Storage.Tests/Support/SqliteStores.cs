using Godwit.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Tests.Support;

/// <summary>A fresh SQLite file, migrated and in WAL mode as the server leaves it.</summary>
public sealed class SqliteStores : StoreDatabase
{
    private readonly string folder = Directory.CreateTempSubdirectory("godwit-stores-").FullName;

    protected override string UnavailableReason => "SQLite is always available.";

    protected override async Task<ServiceProvider?> OpenAsync(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddGodwitSqlite($"Data Source={Path.Combine(folder, "godwit.db")}").BuildServiceProvider();
        await SqliteStorage.MigrateAsync(services, cancellationToken);
        return services;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}
