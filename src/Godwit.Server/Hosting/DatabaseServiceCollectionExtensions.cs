using Godwit.Storage.Postgres;
using Godwit.Storage.Sqlite;

namespace Godwit.Server.Hosting;

/// <summary>Chooses the database from <c>Godwit:Database</c> and prepares its schema at startup.</summary>
internal static class DatabaseServiceCollectionExtensions
{
    public static Func<IServiceProvider, CancellationToken, Task> AddGodwitDatabase(this IServiceCollection services, DatabaseOptions database, ProjectOptions project)
    {
        switch (database.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var sqlite = database.ConnectionString ?? $"Data Source={Path.Combine(project.DataFolder, "godwit.db")}";
                services.AddGodwitSqlite(sqlite);
                return SqliteStorage.MigrateAsync;
            case "postgres" or "postgresql":
                var postgres = database.ConnectionString
                    ?? throw new ConfigurationProblemException("Godwit:Database:ConnectionString is required when Godwit:Database:Provider is postgres.");
                services.AddGodwitPostgres(postgres);
                return PostgresStorage.MigrateAsync;
            default:
                throw new ConfigurationProblemException($"Godwit:Database:Provider must be sqlite or postgres, not '{database.Provider}'.");
        }
    }
}
