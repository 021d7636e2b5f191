using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Godwit.Cli.Tests.Import;

/// <summary>The `godwit import` command's checks before writing: --check-password, --dry-run, --import-totp's target.</summary>
public sealed class ImportCommandTests : IDisposable
{
    // bcrypt cost 4 of "password", made by htpasswd (tests/vectors/passwords).
    private const string Bcrypt = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";

    private readonly string folder = Directory.CreateTempSubdirectory("godwit-import-command-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_sample_hash_that_refuses_its_known_password_stops_the_import_before_anything_is_written()
    {
        var export = await WriteExportAsync();

        var wrong = await GodwitCli.RunAsync(Arguments(export, "--check-password", "00000000-0000-4000-8000-000000000001:hunter2"));
        var unknown = await GodwitCli.RunAsync(Arguments(export, "--check-password", "no-such-id:password"));
        var usersAfterRefusals = await CountUsersAsync();
        var right = await GodwitCli.RunAsync(Arguments(export, "--check-password", "00000000-0000-4000-8000-000000000001:password"));

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("does NOT accept the given password", wrong.Errors, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no such legacy id", unknown.Errors, StringComparison.Ordinal);
        Assert.Equal(0, usersAfterRefusals);
        Assert.True(right.ExitCode == 0, right.Errors + right.Output);
        Assert.Contains("the hash accepts the password", right.Output, StringComparison.Ordinal);
        Assert.Equal(2, await CountUsersAsync());
    }

    [Fact]
    public async Task A_dry_run_checks_every_row_writes_only_the_errors_file_and_creates_no_user()
    {
        var export = await WriteExportAsync(extraRow: "00000000-0000-4000-8000-000000000003,not an email,,,,,{},{},2024-01-02 03:04:05+00");

        var dryRun = await GodwitCli.RunAsync(Arguments(export, "--dry-run"));

        Assert.True(dryRun.ExitCode == 0, dryRun.Errors + dryRun.Output);
        var error = JsonDocument.Parse(File.ReadLines(Path.Combine(folder, "errors.jsonl")).Single()).RootElement;
        Assert.Equal(("invalid_email", 4L), (error.GetProperty("error_type").GetString(), error.GetProperty("line").GetInt64()));
        Assert.False(File.Exists(Path.Combine(folder, "results.jsonl")));
        Assert.False(File.Exists(Path.Combine(folder, "state.json")));
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Import_totp_with_the_stytch_target_is_refused_before_anything_is_sent()
    {
        var export = await WriteExportAsync();

        var refused = await GodwitCli.RunAsync(Arguments(export, "--import-totp", "--target", "stytch", "--url", "http://127.0.0.1:9", "--project-id", "p", "--secret", "s"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--import-totp needs the database or godwit target", refused.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "state.json")));
    }

    private string[] Arguments(string export, params string[] extra) =>
    [
        "import", export, "--preset", "supabase", .. extra,
        "--state", Path.Combine(folder, "state.json"), "--errors", Path.Combine(folder, "errors.jsonl"), "--results", Path.Combine(folder, "results.jsonl"),
        $"--Godwit:DataFolder={folder}",
    ];

    private async Task<string> WriteExportAsync(string? extraRow = null)
    {
        var export = Path.Combine(folder, "users.csv");
        var lines = new List<string>
        {
            "id,email,encrypted_password,email_confirmed_at,phone,phone_confirmed_at,raw_user_meta_data,raw_app_meta_data,created_at",
            $"00000000-0000-4000-8000-000000000001,ada@example.com,{Bcrypt},2024-01-02 03:04:05+00,,,{{}},{{}},2024-01-02 03:04:05+00",
            "00000000-0000-4000-8000-000000000002,grace@example.com,,,,,{},{},2024-01-02 03:04:05+00",
        };
        if (extraRow is not null)
        {
            lines.Add(extraRow);
        }

        await File.WriteAllLinesAsync(export, lines, TestContext.Current.CancellationToken);
        return export;
    }

    private async Task<long> CountUsersAsync()
    {
        var database = Path.Combine(folder, "godwit.db");
        if (!File.Exists(database))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqliteCommand("SELECT count(*) FROM users", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
