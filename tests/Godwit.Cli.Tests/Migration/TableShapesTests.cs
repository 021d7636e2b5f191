using System.Data.Common;
using Godwit.Migration.Tests.Support;
using Godwit.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Godwit.Cli.Tests.Migration;

/// <summary>
/// Applications name and type their tables their own way: the commands walk a users table keyed by
/// text (SQLite) or by uuid (PostgreSQL, in a schema of its own), page by page, through the options alone.
/// </summary>
public sealed class TableShapesTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_keyed_by_text_on_sqlite_are_backfilled_page_by_page()
    {
        var folder = Directory.CreateTempSubdirectory("godwit-text-keys-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "app.db")}";
        await using (var sqlite = new SqliteConnection(connection))
        {
            await sqlite.OpenAsync(Cancel);
            await ExecuteAsync(sqlite, """
                CREATE TABLE accounts (account_id TEXT PRIMARY KEY, mail TEXT, godwit TEXT UNIQUE, first TEXT, last TEXT);
                CREATE TABLE godwit_migration_events (id TEXT NOT NULL PRIMARY KEY, occurred_at TEXT NOT NULL, day TEXT NOT NULL, outcome TEXT NOT NULL,
                    matched_by TEXT NOT NULL, godwit_user_id TEXT NOT NULL, application_user_id TEXT NOT NULL);
                """);
            await InsertAsync(sqlite, Enumerable.Range(0, 5).Select(i => $"acct_{Guid.NewGuid():N}"));
        }

        var (run, status) = await BackfillThenStatusAsync("sqlite", connection, null);

        Assert.True(run.ExitCode == 0, run.Errors + run.Output);
        Assert.Contains("\"backfilled\": 5", status.Output, StringComparison.Ordinal);
        Assert.Contains("\"not_yet_seen\": 0", status.Output, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Users_keyed_by_uuid_in_a_postgres_schema_are_backfilled_page_by_page()
    {
        if (PostgresCluster.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        var connection = await (await PostgresCluster.Shared).CreateDatabaseAsync(Cancel);
        await using (var postgres = new NpgsqlConnection(connection))
        {
            await postgres.OpenAsync(Cancel);
            await ExecuteAsync(postgres, """
                CREATE SCHEMA legacy;
                CREATE TABLE legacy.accounts (account_id uuid PRIMARY KEY, mail text, godwit text UNIQUE, first text, last text);
                CREATE TABLE legacy.godwit_migration_events (id uuid PRIMARY KEY, occurred_at timestamptz NOT NULL, day date NOT NULL, outcome varchar(16) NOT NULL,
                    matched_by varchar(16) NOT NULL, godwit_user_id varchar(128) NOT NULL, application_user_id varchar(256) NOT NULL);
                """);
            await InsertAsync(postgres, Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString()), "legacy.");
        }

        var (run, status) = await BackfillThenStatusAsync("postgres", connection, "legacy");

        Assert.True(run.ExitCode == 0, run.Errors + run.Output);
        Assert.Contains("\"backfilled\": 5", status.Output, StringComparison.Ordinal);
        Assert.Contains("\"not_yet_seen\": 0", status.Output, StringComparison.Ordinal);
    }

    private async Task<(CommandRun Run, CommandRun Status)> BackfillThenStatusAsync(
        string database, string connection, string? schema)
    {
        string[] table =
        [
            "--app-database", database, "--app-connection", connection, "--users-table", "accounts", "--id-column", "account_id",
            "--godwit-id-column", "godwit", "--email-column", "mail", "--first-name-column", "first", "--last-name-column", "last",
            .. schema is null ? Array.Empty<string>() : ["--schema", schema],
        ];
        var run = await GodwitCli.RunAsync(["backfill", .. table, .. ApplicationArguments.Godwit(godwit.Host), "--page-size", "2", "--rate", "200"]);
        var status = await GodwitCli.RunAsync(["migration", "status", "--json", .. table]);
        return (run, status);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task InsertAsync(DbConnection connection, IEnumerable<string> ids, string schema = "")
    {
        foreach (var id in ids)
        {
            await using var command = connection.CreateCommand();
            var uuid = connection is NpgsqlConnection ? "::uuid" : "";
            command.CommandText = $"INSERT INTO {schema}accounts (account_id, mail, first, last) VALUES ('{id}'{uuid}, '{Guid.NewGuid():N}@example.com', 'Ada', 'Lovelace')";
            await command.ExecuteNonQueryAsync(Cancel);
        }
    }
}
