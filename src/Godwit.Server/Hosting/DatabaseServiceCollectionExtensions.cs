using System.Data.Common;
using Godwit.Storage.Postgres;
using Godwit.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Godwit.Server.Hosting;

/// <summary>Chooses the database from <c>Godwit:Database</c> and prepares its schema at startup.</summary>
internal static class DatabaseServiceCollectionExtensions
{
    public static Func<IServiceProvider, CancellationToken, Task> AddGodwitDatabase(this IServiceCollection services, DatabaseOptions database, ProjectOptions project)
    {
        switch (database.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var sqlite = database.ConnectionString ?? $"Data Source={Path.Combine(Path.GetFullPath(project.DataFolder), "godwit.db")}";
                var file = SqliteFile(sqlite);
                services.AddGodwitSqlite(sqlite);
                return async (provider, cancellationToken) =>
                {
                    var existed = file is null || File.Exists(file);
                    await Opening("sqlite", () => SqliteStorage.MigrateAsync(provider, cancellationToken));
                    if (!existed)
                    {
                        // Said once, with the full path: a relative data folder is relative to the folder godwit ran in.
                        Console.WriteLine($"Created the SQLite database {file}.");
                    }
                };
            case "postgres" or "postgresql":
                var postgres = database.ConnectionString
                    ?? throw new ConfigurationProblemException("Godwit:Database:ConnectionString is required when Godwit:Database:Provider is postgres.");
                services.AddGodwitPostgres(postgres);
                return (provider, cancellationToken) => Opening("postgres", () => PostgresStorage.MigrateAsync(provider, cancellationToken));
            default:
                throw new ConfigurationProblemException($"Godwit:Database:Provider must be sqlite or postgres, not '{database.Provider}'.");
        }
    }

    /// <summary>The database file's full path, or null for an in-memory database; a malformed connection string is a setting to fix.</summary>
    private static string? SqliteFile(string connectionString)
    {
        try
        {
            var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
            return source is "" or ":memory:" || source.StartsWith("file:", StringComparison.Ordinal) ? null : Path.GetFullPath(source);
        }
        catch (ArgumentException problem)
        {
            throw new ConfigurationProblemException($"Godwit:Database:ConnectionString is not a SQLite connection string: {problem.Message}");
        }
    }

    /// <summary>A database that cannot be reached or opened is a setting to fix, said in one line.</summary>
    private static async Task Opening(string provider, Func<Task> migrate)
    {
        try
        {
            await migrate();
        }
        catch (Exception exception) when (exception is DbException or ArgumentException)
        {
            throw new ConfigurationProblemException(
                $"Cannot open the {provider} database Godwit:Database:ConnectionString names: {exception.Message.ReplaceLineEndings(" ").TrimEnd('.')}. "
                + "Check Godwit:Database:ConnectionString (or the environment variable Godwit__Database__ConnectionString).");
        }
    }
}
