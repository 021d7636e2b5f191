using System.Data.Common;
using Godwit.Core.Security;
using Godwit.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Godwit.Server.Tests.Keys;

/// <summary>
/// A database that outlives the servers started on it: a SQLite file in a folder of its own, or a
/// new PostgreSQL database. Its sealed columns can be read and written directly.
/// </summary>
internal sealed class KeysDatabase : IAsyncDisposable
{
    /// <summary>Each sealed column: its table, the row id column and the value column.</summary>
    public static readonly IReadOnlyList<(string Table, string IdColumn, string ValueColumn)> SealedColumns =
    [
        ("signing_keys", "kid", "encrypted_private_key"),
        ("user_totps", "totp_id", "encrypted_secret"),
        ("totp_recovery_codes", "recovery_code_id", "encrypted_code"),
    ];

    private KeysDatabase(string provider, string connectionString, string folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The data folder servers and commands use; for SQLite it holds the database.</summary>
    public string Folder { get; }

    /// <summary>The settings that point a server or a command at this database.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Godwit:DataFolder"] = Folder,
        ["Godwit:Database:Provider"] = Provider,
        ["Godwit:Database:ConnectionString"] = ConnectionString,
    };

    /// <summary>A new database, or null when PostgreSQL cannot run here.</summary>
    public static async Task<KeysDatabase?> CreateAsync(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("godwit-keys-").FullName;
        if (provider == "sqlite")
        {
            return new KeysDatabase(provider, $"Data Source={Path.Combine(folder, "godwit.db")}", folder);
        }

        return PostgresCluster.UnavailableReason is null
            ? new KeysDatabase(provider, await (await PostgresCluster.Shared).CreateDatabaseAsync(), folder)
            : null;
    }

    /// <summary>Every value of a sealed column, by row id.</summary>
    public async Task<Dictionary<string, byte[]>> ReadAsync(string table, string idColumn, string valueColumn)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {idColumn}, {valueColumn} FROM {table}";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new Dictionary<string, byte[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values[reader.GetString(0)] = (byte[])reader.GetValue(1);
        }

        return values;
    }

    public async Task WriteAsync(string table, string idColumn, string valueColumn, string rowId, byte[] value)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {table} SET {valueColumn} = @value WHERE {idColumn} = @id";
        var valueParameter = command.CreateParameter();
        (valueParameter.ParameterName, valueParameter.Value) = ("value", value);
        var idParameter = command.CreateParameter();
        (idParameter.ParameterName, idParameter.Value) = ("id", rowId);
        command.Parameters.Add(valueParameter);
        command.Parameters.Add(idParameter);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The key id each stored sealed value names (null: none, as before the ring), over every sealed column.</summary>
    public async Task<List<string?>> KeyIdsAsync()
    {
        var ids = new List<string?>();
        foreach (var (table, idColumn, valueColumn) in SealedColumns)
        {
            ids.AddRange((await ReadAsync(table, idColumn, valueColumn)).Values.Select(v => SecretSeal.TryReadKeyId(v, out var id, out _) ? id : null));
        }

        return ids;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file a server still holds; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Provider == "sqlite" ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
