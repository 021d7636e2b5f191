using Godwit.Cli.Tests.Migration;
using Godwit.Migration.Tests.Support;

namespace Godwit.Cli.Tests.Configuration;

/// <summary>
/// Every command that reads configuration, given a setting it cannot work with, ends with one line
/// on stderr naming that setting and exit code 1: never a stack trace.
/// </summary>
public sealed class ConfigurationFailureTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("godwit-configuration-").FullName;
    private AppDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await AppDatabase.SqliteAsync();

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Serve_without_credentials_outside_development_names_them() =>
        AssertOneLine(await GodwitCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", DataFolder], new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }), "Godwit:ProjectId");

    [Fact]
    public async Task Serve_with_options_failing_validation_at_start_names_the_section() =>
        AssertOneLine(await GodwitCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", DataFolder, "--Godwit:Webhooks:MaxEndpoints=0"]), "Godwit:Webhooks");

    [Fact]
    public async Task Serve_with_a_legacy_hook_without_its_secret_names_the_secret() =>
        AssertOneLine(
            await GodwitCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", DataFolder, "--Godwit:Migration:LegacyPasswordHook=https://legacy.example/hook"]),
            "Godwit:Migration:LegacyPasswordHookSecret");

    [Fact]
    public async Task Serve_with_a_value_the_binder_cannot_convert_names_the_setting() =>
        AssertOneLine(await GodwitCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", DataFolder, "--Godwit:Webhooks:MaxEndpoints=many"]), "Godwit:Webhooks:MaxEndpoints");

    [Fact]
    public async Task Serve_with_an_address_that_is_not_one_names_urls() =>
        AssertOneLine(await GodwitCli.RunAsync(["serve", "--urls", "not-an-address", DataFolder]), "--urls");

    [Fact]
    public async Task Serve_with_a_database_it_cannot_reach_names_the_connection_string() =>
        AssertOneLine(
            await GodwitCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", DataFolder, "--Godwit:Database:Provider=postgres", "--Godwit:Database:ConnectionString=Host=127.0.0.1;Port=1;Timeout=2"]),
            "Godwit:Database:ConnectionString");

    [Fact]
    public async Task Import_with_a_malformed_connection_string_names_it()
    {
        var export = Path.Combine(folder, "users.csv");
        await File.WriteAllTextAsync(export, "id,email\n1,ada@example.com\n", TestContext.Current.CancellationToken);

        AssertOneLine(await GodwitCli.RunAsync(["import", export, "--preset", "supabase", DataFolder, "--Godwit:Database:ConnectionString=Colour=blue"]), "Godwit:Database:ConnectionString");
    }

    [Fact]
    public async Task Hook_test_with_a_secret_too_short_in_the_environment_names_the_variable() =>
        AssertOneLine(await GodwitCli.RunAsync(["hook", "test", "http://127.0.0.1:9/hook"], new Dictionary<string, string> { ["GODWIT_HOOK_SECRET"] = "short" }), "GODWIT_HOOK_SECRET");

    [Fact]
    public async Task Backfill_with_a_malformed_project_id_in_the_environment_names_the_variable() =>
        AssertOneLine(
            await GodwitCli.RunAsync(["backfill", .. ApplicationArguments.For(database), "--url", "http://127.0.0.1:9"], new Dictionary<string, string> { ["GODWIT_PROJECT_ID"] = "my project", ["GODWIT_SECRET"] = "s" }),
            "GODWIT_PROJECT_ID");

    [Fact]
    public async Task Migration_status_with_a_malformed_connection_string_in_the_environment_names_the_variable() =>
        AssertOneLine(await GodwitCli.RunAsync(["migration", "status", .. TableWithoutConnection()], BrokenConnection), "GODWIT_APP_CONNECTION");

    [Fact]
    public async Task Migration_export_unseen_with_a_malformed_connection_string_in_the_environment_names_the_variable() =>
        AssertOneLine(await GodwitCli.RunAsync(["migration", "export-unseen", Path.Combine(folder, "unseen.jsonl"), .. TableWithoutConnection()], BrokenConnection), "GODWIT_APP_CONNECTION");

    [Fact]
    public async Task Keys_reseal_with_a_malformed_key_names_the_setting() =>
        AssertOneLine(await GodwitCli.RunAsync(["keys", "reseal", DataFolder, "--Godwit:EncryptionKeys=not-a-key"]), "Godwit:EncryptionKeys");

    private static readonly Dictionary<string, string> BrokenConnection = new() { ["GODWIT_APP_CONNECTION"] = "Colour=blue" };

    private string DataFolder => $"--Godwit:DataFolder={folder}";

    private string[] TableWithoutConnection()
    {
        var arguments = ApplicationArguments.For(database).ToList();
        arguments.RemoveRange(arguments.IndexOf("--app-connection"), 2);
        return [.. arguments];
    }

    private static void AssertOneLine(CommandRun run, string setting)
    {
        var lines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(lines.Length == 1, run.ToString());
        Assert.Contains(setting, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output + run.Errors, StringComparison.Ordinal);
    }
}
