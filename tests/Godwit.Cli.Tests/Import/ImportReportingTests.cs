using System.Text.Json;

namespace Godwit.Cli.Tests.Import;

/// <summary>What `godwit import` says it did: a finished import is not replayed, and its files are plain JSON.</summary>
public sealed class ImportReportingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("godwit-import-reporting-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_finished_import_run_again_says_there_is_nothing_to_do_until_restart_is_given()
    {
        var export = await WriteExportAsync("00000000-0000-4000-8000-000000000001,ada@example.com");

        var first = await GodwitCli.RunAsync(Arguments(export));
        var again = await GodwitCli.RunAsync(Arguments(export));
        var restarted = await GodwitCli.RunAsync(Arguments(export, "--restart"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"The import of {export} is already complete", again.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to do; pass --restart to read the file again", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped (already imported)", again.Output, StringComparison.Ordinal);
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        var result = JsonDocument.Parse(File.ReadLines(Path.Combine(folder, "results.jsonl")).Single()).RootElement;
        Assert.Equal("skipped", result.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_errors_and_results_files_keep_apostrophes_and_plus_signs_as_they_are()
    {
        var export = await WriteExportAsync("o'brien+1,o'brien+1@example.com", "o'brien+2,not an email");

        var run = await GodwitCli.RunAsync(Arguments(export));

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = await File.ReadAllTextAsync(Path.Combine(folder, "results.jsonl"), TestContext.Current.CancellationToken);
        var errors = await File.ReadAllTextAsync(Path.Combine(folder, "errors.jsonl"), TestContext.Current.CancellationToken);
        Assert.Contains("\"o'brien+1\"", results, StringComparison.Ordinal);
        Assert.Contains("\"o'brien+2\"", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", results + errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "user-test-")]
    [InlineData("Production", "user-live-")]
    public async Task Users_imported_into_a_database_get_the_ids_its_environment_gives(string environment, string prefix)
    {
        var export = await WriteExportAsync("00000000-0000-4000-8000-000000000002,grace@example.com");

        var run = await GodwitCli.RunAsync(Arguments(export), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Godwit__ProjectId"] = GodwitCli.ProjectId,
            ["Godwit__Secret"] = GodwitCli.Secret,
            ["Godwit__EncryptionKeys"] = GodwitCli.EncryptionKeys,
        });

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JsonDocument.Parse(File.ReadLines(Path.Combine(folder, "results.jsonl")).Single()).RootElement;
        Assert.StartsWith(prefix, result.GetProperty("user_id").GetString(), StringComparison.Ordinal);
    }

    private string[] Arguments(string export, params string[] extra) =>
    [
        "import", export, "--preset", "supabase", .. extra,
        "--state", Path.Combine(folder, "state.json"), "--errors", Path.Combine(folder, "errors.jsonl"), "--results", Path.Combine(folder, "results.jsonl"),
        $"--Godwit:DataFolder={folder}",
    ];

    private async Task<string> WriteExportAsync(params string[] rows)
    {
        var export = Path.Combine(folder, "users.csv");
        await File.WriteAllLinesAsync(
            export,
            ["id,email,encrypted_password,email_confirmed_at,phone,phone_confirmed_at,raw_user_meta_data,raw_app_meta_data,created_at", .. rows.Select(r => r + ",,,,,{},{},2024-01-02 03:04:05+00")],
            TestContext.Current.CancellationToken);
        return export;
    }
}
