using System.Data.Common;
using Godwit.Server.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Godwit.Cli.Migration.ApplicationDatabase;

/// <summary>How the users table's key is typed, which decides the key type of the model.</summary>
internal enum KeyKind
{
    Integer,
    Uuid,
    Text,
}

/// <summary>
/// Looks at the real table before anything runs: every column named exists (a misspelt one is named,
/// with the columns there are), the key is of a type the commands handle, and, where asked,
/// <c>godwit_migration_events</c> exists. Far better than an SQL error from the middle of a run.
/// </summary>
internal static class TableInspector
{
    public const string EventsTable = "godwit_migration_events";

    public static async Task<KeyKind> InspectAsync(ApplicationTable table, bool needEvents, CancellationToken cancellationToken)
    {
        DbConnection? connection = null;
        try
        {
            // A malformed connection string is refused already here, by the connection's constructor.
            connection = table.IsPostgres ? new NpgsqlConnection(table.ConnectionString) : new SqliteConnection(SqliteReadWrite(table.ConnectionString));
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbException or ArgumentException or InvalidOperationException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            var message = $"Cannot open the application's database: {exception.Message}";
            throw table.ConnectionFromEnvironment
                ? new ConfigurationProblemException($"{ApplicationTable.ConnectionVariable}: {message} (set it to the application database's connection string, or give --app-connection).")
                : new UsageException(message);
        }

        await using var opened = connection;
        var columns = await ColumnsAsync(connection, table, table.Table, cancellationToken);
        var qualified = table.Schema is null ? table.Table : $"{table.Schema}.{table.Table}";
        if (columns.Count == 0)
        {
            throw new UsageException($"The application's database has no table {qualified}.");
        }

        var comparison = table.IsPostgres ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        foreach (var (option, column) in table.Columns())
        {
            if (!columns.Keys.Contains(column, comparison))
            {
                throw new UsageException($"--{option}: the table {qualified} has no column {column}; its columns are {string.Join(", ", columns.Keys)}.");
            }
        }

        if (needEvents && (await ColumnsAsync(connection, table, EventsTable, cancellationToken)).Count == 0)
        {
            throw new UsageException(
                $"The application's database has no {EventsTable} table: the application's DbContext calls modelBuilder.UseGodwitMigration<TUser>(...) "
                + "and its migrations create the table (docs/migration.md).");
        }

        var keyType = columns.First(c => comparison.Equals(c.Key, table.IdColumn)).Value.ToLowerInvariant();
        return keyType switch
        {
            _ when table.IsPostgres && keyType is "smallint" or "integer" or "bigint" => KeyKind.Integer,
            _ when table.IsPostgres && keyType is "uuid" => KeyKind.Uuid,
            _ when table.IsPostgres && keyType is "text" or "character varying" or "character" or "citext" => KeyKind.Text,
            _ when table.IsPostgres => throw new UsageException($"--id-column: {table.IdColumn} is of type {keyType}; an integer, uuid or text key is needed."),
            // SQLite's type affinity: a declared type containing INT holds integers.
            _ when keyType.Contains("int", StringComparison.Ordinal) => KeyKind.Integer,
            _ => KeyKind.Text,
        };
    }

    /// <summary>Column name → declared type, in table order; empty when there is no such table.</summary>
    private static async Task<Dictionary<string, string>> ColumnsAsync(DbConnection connection, ApplicationTable table, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = table.IsPostgres
            ? "SELECT column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END FROM information_schema.columns "
                + "WHERE table_name = @name AND table_schema = COALESCE(@schema, current_schema()) ORDER BY ordinal_position"
            : "SELECT name, type FROM pragma_table_info(@name, @schema) ORDER BY cid";
        var nameParameter = command.CreateParameter();
        nameParameter.ParameterName = "@name";
        nameParameter.Value = name;
        var schemaParameter = command.CreateParameter();
        schemaParameter.ParameterName = "@schema";
        schemaParameter.Value = (object?)table.Schema ?? (table.IsPostgres ? DBNull.Value : "main");
        if (table.IsPostgres)
        {
            schemaParameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(nameParameter);
        command.Parameters.Add(schemaParameter);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns[reader.GetString(0)] = reader.GetString(1);
        }

        return columns;
    }

    /// <summary>Opening a SQLite file that does not exist would create an empty one: refuse that instead.</summary>
    private static string SqliteReadWrite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        return builder.ConnectionString;
    }
}
