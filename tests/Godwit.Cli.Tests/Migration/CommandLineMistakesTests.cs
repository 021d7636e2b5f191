using Godwit.Migration.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Godwit.Cli.Tests.Migration;

/// <summary>Every mistake on the migration commands' command line is named, and the command exits with 2 having done nothing.</summary>
public sealed class CommandLineMistakesTests : IAsyncLifetime
{
    private AppDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await AppDatabase.SqliteAsync();

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["backfill"], "--app-database is required" },
        { ["backfill", "--app-database", "mysql"], "--app-database must be sqlite or postgres, not 'mysql'" },
        { ["migration", "status", "--app-database", "sqlite", "--users-table", "u", "--id-column", "id", "--godwit-id-column", "g"], "--app-connection (or GODWIT_APP_CONNECTION) is required" },
        { ["migration", "status", "--colour", "red"], "Unknown option --colour." },
        { ["migration", "status", "--users-table"], "--users-table needs a value." },
        { ["migration", "frobnicate"], "Unknown migration command 'frobnicate'" },
        { ["migration", "export-unseen", "--app-database", "sqlite"], "export-unseen takes one file to write" },
        { ["migration", "status", "--app-config", "/no/such/app.json"], "--app-config: no such file: /no/such/app.json" },
        {
            ["migration", "status", "--app-database", "sqlite", "--app-connection", "Data Source=/no/such/folder/app.db", "--users-table", "app_users", "--id-column", "Id", "--godwit-id-column", "GodwitUserId"],
            "Cannot open the application's database"
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_is_named_and_the_command_exits_with_2(string[] arguments, string message)
    {
        var run = await GodwitCli.RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_the_table_lacks_is_named_with_the_columns_it_has()
    {
        var run = await GodwitCli.RunAsync(["migration", "status", .. WithOption(ApplicationArguments.For(database), "--godwit-id-column", "godwit_id")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--godwit-id-column: the table app_users has no column godwit_id; its columns are ", run.Errors, StringComparison.Ordinal);
        Assert.Contains("GodwitUserId", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_that_is_not_there_is_named()
    {
        var run = await GodwitCli.RunAsync(["migration", "status", .. WithOption(ApplicationArguments.For(database), "--users-table", "AspNetUsers")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The application's database has no table AspNetUsers.", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_the_outcomes_table_is_told_what_creates_it()
    {
        await using (var connection = new SqliteConnection(ConnectionString()))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new SqliteCommand("DROP TABLE godwit_migration_events", connection);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var run = await GodwitCli.RunAsync(["migration", "status", .. ApplicationArguments.For(database)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no godwit_migration_events table", run.Errors, StringComparison.Ordinal);
        Assert.Contains("UseGodwitMigration", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backfill_needs_credentials_and_numbers_where_numbers_belong()
    {
        var noCredentials = await GodwitCli.RunAsync(["backfill", .. ApplicationArguments.For(database), "--url", "http://127.0.0.1:9"]);
        var badRate = await GodwitCli.RunAsync(["backfill", .. ApplicationArguments.For(database), "--url", "http://127.0.0.1:9", "--project-id", "p", "--secret", "s", "--rate", "fast"]);
        var badUrl = await GodwitCli.RunAsync(["backfill", .. ApplicationArguments.For(database), "--url", "godwit.internal", "--project-id", "p", "--secret", "s"]);

        Assert.Equal((2, 2, 2), (noCredentials.ExitCode, badRate.ExitCode, badUrl.ExitCode));
        Assert.Contains("The project's credentials are needed", noCredentials.Errors, StringComparison.Ordinal);
        Assert.Contains("--rate must be a number of at least 0.01, not 'fast'.", badRate.Errors, StringComparison.Ordinal);
        Assert.Contains("--url must be an absolute http or https URL, not 'godwit.internal'.", badUrl.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_options_can_come_from_a_json_file_and_its_unknown_keys_are_named()
    {
        var folder = Directory.CreateTempSubdirectory("godwit-app-config-").FullName;
        var good = Path.Combine(folder, "app.json");
        var bad = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(good, $$"""
            {"app-database": "sqlite", "app-connection": "{{ConnectionString().Replace("\\", "\\\\", StringComparison.Ordinal)}}", "users-table": "app_users",
             "id-column": "Id", "godwit-id-column": "GodwitUserId", "email-column": "Email"}
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(bad, """{"app-database": "sqlite", "table": "app_users"}""", TestContext.Current.CancellationToken);

        var fromFile = await GodwitCli.RunAsync(["migration", "status", "--json", "--app-config", good]);
        var unknownKey = await GodwitCli.RunAsync(["migration", "status", "--app-config", bad]);

        Assert.True(fromFile.ExitCode == 0, fromFile.Errors + fromFile.Output);
        Assert.Contains("\"application_users\": 0", fromFile.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknownKey.ExitCode);
        Assert.Contains("unknown key \"table\"", unknownKey.Errors, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private string ConnectionString()
    {
        var arguments = ApplicationArguments.For(database);
        return arguments[Array.IndexOf(arguments, "--app-connection") + 1];
    }

    private static string[] WithOption(string[] arguments, string option, string value)
    {
        var copy = arguments.ToArray();
        copy[Array.IndexOf(copy, option) + 1] = value;
        return copy;
    }
}
