namespace Godwit.Cli.Tests.CommandLine;

/// <summary>
/// Every command refuses an option it does not know, in one line naming it (with System.CommandLine's
/// nearest option when it has one), and exits with 2 having done nothing; the commands that take
/// configuration still take settings by their path and the host's own settings.
/// </summary>
public sealed class UnknownOptionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("godwit-unknown-option-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["--verbose"], "Unknown option --verbose." },
        { ["serve", "--port", "8080"], "Unknown option --port. Settings go by their path, such as --Godwit:DataFolder <folder>." },
        { ["serve", "--urls", "http://127.0.0.1:0", "--Godwit:DataFolder", "data", "-v"], "Unknown option -v. Settings go by their path, such as --Godwit:DataFolder <folder>." },
        { ["import", "users.csv", "--preset", "supabase", "--dryrun"], "Unknown option --dryrun. Did you mean --dry-run?" },
        { ["import", "users.csv", "--preset", "supabase", "--batchsize=10", "--Godwit:DataFolder=data"], "Unknown option --batchsize. Did you mean --batch-size?" },
        { ["import", "users.csv", "more.csv", "--preset", "supabase"], "Unexpected argument 'more.csv'." },
        { ["keys", "reseal", "--dryrun"], "Unknown option --dryrun. Settings go by their path, such as --Godwit:DataFolder <folder>." },
        { ["keys", "new", "--force"], "Unknown option --force." },
        { ["hook", "test", "https://legacy.example/hook", "--secrt", "s"], "Unknown option --secrt. Did you mean --secret?" },
        { ["backfill", "--page-szie", "10"], "Unknown option --page-szie. Did you mean --page-size?" },
        { ["migration", "status", "--jsno"], "Unknown option --jsno. Did you mean --json?" },
        { ["migration", "export-unseen", "unseen.jsonl", "--dyas", "3"], "Unknown option --dyas." },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task An_unknown_option_is_named_in_one_line_and_the_command_exits_with_2(string[] arguments, string line)
    {
        var run = await GodwitCli.RunAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal([line, ""], run.Errors.ReplaceLineEndings("\n").Split('\n')[..2]);
    }

    [Fact]
    public async Task Configuration_by_path_and_the_hosts_own_settings_still_reach_the_command()
    {
        var export = Path.Combine(folder, "users.csv");
        await File.WriteAllLinesAsync(export,
        [
            "id,email,encrypted_password,email_confirmed_at,phone,phone_confirmed_at,raw_user_meta_data,raw_app_meta_data,created_at",
            "00000000-0000-4000-8000-000000000001,ada@example.com,,,,,{},{},2024-01-02 03:04:05+00",
        ], TestContext.Current.CancellationToken);
        var data = Path.Combine(folder, "data");

        var run = await GodwitCli.RunAsync(
        [
            "import", export, "--preset", "supabase", "--dry-run", "--errors", Path.Combine(folder, "errors.jsonl"),
            "--Godwit:DataFolder", data, "--environment", "Production", "Logging:LogLevel:Default=Warning",
        ]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(Directory.Exists(data), "--Godwit:DataFolder <folder> did not reach the import");
    }
}
