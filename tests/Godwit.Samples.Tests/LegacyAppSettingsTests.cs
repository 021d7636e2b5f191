using System.Diagnostics;

namespace Godwit.Samples.Tests;

/// <summary>
/// The sample run as its own process with a Godwit setting missing or wrong: it ends at once with
/// exit code 1 and one line on stderr naming the setting and how to set it, before it touches its database.
/// </summary>
public sealed class LegacyAppSettingsTests
{
    private static readonly string[] Complete = ["--Godwit:BaseUrl", "http://127.0.0.1:9", "--Godwit:ProjectId", "project-live-00000000-0000-4000-8000-000000000000", "--Godwit:Secret", "secret-live-test"];

    [Theory]
    [InlineData("--Godwit:ProjectId", "", "Godwit:ProjectId is required", "Godwit__ProjectId")]
    [InlineData("--Godwit:Secret", "", "Godwit:Secret is required", "Godwit__Secret")]
    [InlineData("--Godwit:BaseUrl", "", "Godwit:BaseUrl is not set", "Godwit__BaseUrl")]
    [InlineData("--Godwit:BaseUrl", "godwit.internal:5000", "Godwit:BaseUrl must be an absolute http or https URL such as http://localhost:5000, not 'godwit.internal:5000'", "Godwit__BaseUrl")]
    [InlineData("--Godwit:BaseUrl", "http://", "Failed to convert configuration value 'http://' at 'Godwit:BaseUrl'", "appsettings.json")]
    public async Task A_missing_or_wrong_godwit_setting_ends_the_app_with_one_line_naming_it_and_exit_code_1(string setting, string value, string problem, string howToSet)
    {
        var folder = Directory.CreateTempSubdirectory("godwit-sample-settings-").FullName;
        try
        {
            var arguments = new List<string>(Complete);
            arguments[arguments.IndexOf(setting) + 1] = value;
            var (exitCode, stdout, stderr) = await RunSampleAsync([.. arguments, "--contentRoot", folder]);

            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith("Quayside Books cannot start: " + problem, line, StringComparison.Ordinal);
            Assert.Contains(howToSet, line, StringComparison.Ordinal);
            Assert.Equal(1, exitCode);
            Assert.DoesNotContain(" at ", stdout, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(folder, "data")), "the database was created before the settings were checked");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunSampleAsync(IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Godwit.Samples.LegacyApp.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The machine's own settings must not fill in what the test leaves out.
        foreach (var name in new[] { "Godwit__BaseUrl", "Godwit__ProjectId", "Godwit__Secret" })
        {
            startInfo.Environment.Remove(name);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the sample did not end within a minute: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
