using System.Globalization;
using System.Text;
using System.Text.Json;
using Godwit.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Godwit.Cli.Tests.Import;

/// <summary>
/// `godwit import` killed with SIGKILL twice in the middle of a run, then run again to the end:
/// every exported person is in the database exactly once, and the results file has one line per row.
/// A commit of 7,000 users spans two of the importer's 5,000-user write steps, so each kill lands
/// with outcomes of an uncommitted step already in the results file.
/// </summary>
public abstract class KilledImportContract
{
    private const int People = 30_000;

    protected abstract string Provider { get; }

    [Fact]
    public async Task An_import_killed_twice_mid_run_finishes_with_every_row_present_exactly_once()
    {
        var folder = Directory.CreateTempSubdirectory("godwit-killed-import-").FullName;
        var connection = await ConnectionStringAsync(folder);
        var export = Path.Combine(folder, "users.csv");
        await WriteSupabaseExportAsync(export);
        var state = Path.Combine(folder, "state.json");
        string[] arguments =
        [
            "import", export, "--preset", "supabase", "--batch-size", "7000", "--state", state,
            "--errors", Path.Combine(folder, "errors.jsonl"), "--results", Path.Combine(folder, "results.jsonl"),
            $"--Godwit:DataFolder={folder}", $"--Godwit:Database:Provider={Provider}", $"--Godwit:Database:ConnectionString={connection}",
        ];

        foreach (var killAfterLine in new[] { 4_000, 14_000 })
        {
            using var importer = GodwitCli.Start(arguments);
            while (CheckpointLine(state) < killAfterLine && !importer.HasExited)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.False(importer.HasExited, "the import finished before it could be killed: make the export larger");
            importer.Kill(entireProcessTree: true);
            await importer.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var finished = await GodwitCli.RunAsync(arguments);

        Assert.True(finished.ExitCode == 0, finished.Errors + finished.Output);
        var externalIds = await ExternalIdsAsync(connection);
        Assert.Equal(People, externalIds.Count);
        Assert.Equal(Enumerable.Range(0, People).Select(Id).Order(StringComparer.Ordinal), externalIds.Order(StringComparer.Ordinal));
        var results = File.ReadLines(Path.Combine(folder, "results.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(Enumerable.Range(2, People).Select(i => (long)i), results.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Empty(File.ReadAllText(Path.Combine(folder, "errors.jsonl")));
        Directory.Delete(folder, recursive: true);
    }

    private static string Id(int i) => $"00000000-0000-4000-8000-{i.ToString("D12", CultureInfo.InvariantCulture)}";

    private static long CheckpointLine(string state)
    {
        try
        {
            return File.Exists(state) ? JsonDocument.Parse(File.ReadAllText(state)).RootElement.GetProperty("line").GetInt64() : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task WriteSupabaseExportAsync(string path)
    {
        var text = new StringBuilder("id,email,encrypted_password,email_confirmed_at,phone,phone_confirmed_at,raw_user_meta_data,raw_app_meta_data,created_at\n");
        for (var i = 0; i < People; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Id(i)},killed-{i}@example.com,,2024-01-02 03:04:05+00,,,{{}},{{}},2024-01-02 03:04:05+00\n");
        }

        await File.WriteAllTextAsync(path, text.ToString(), TestContext.Current.CancellationToken);
    }

    private async Task<string> ConnectionStringAsync(string folder)
    {
        if (Provider == "sqlite")
        {
            return $"Data Source={Path.Combine(folder, "godwit.db")}";
        }

        if (PostgresCluster.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        return await (await PostgresCluster.Shared).CreateDatabaseAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> ExternalIdsAsync(string connectionString)
    {
        var ids = new List<string>(People);
        if (Provider == "sqlite")
        {
            await using var sqlite = new SqliteConnection(connectionString);
            await sqlite.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new SqliteCommand("SELECT external_id FROM users", sqlite);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }
        else
        {
            await using var postgres = new NpgsqlConnection(connectionString);
            await postgres.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT external_id FROM users", postgres);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }

        return ids;
    }
}

public sealed class KilledImportIntoSqlite : KilledImportContract
{
    protected override string Provider => "sqlite";
}

public sealed class KilledImportIntoPostgres : KilledImportContract
{
    protected override string Provider => "postgres";
}
