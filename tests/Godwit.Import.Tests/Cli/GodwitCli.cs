using System.Diagnostics;

namespace Godwit.Import.Tests.Cli;

/// <summary>Runs the real <c>godwit</c> executable that the build put next to the sources.</summary>
internal static class GodwitCli
{
    public const string ProjectId = "project-live-00000000-0000-4000-8000-000000000002";
    public const string Secret = "secret-live-import-cli-tests-0123456789abcdef01234";

    /// <summary>A fixed key, so every run of the command opens what an earlier one sealed.</summary>
    public const string EncryptionKeys = "import-cli-tests:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static readonly Lazy<string> Dll = new(() =>
    {
        // tests/Godwit.Import.Tests/bin/<Configuration>/net10.0 → src/Godwit.Cli/bin/<Configuration>/net10.0
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Godwit.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Godwit.slnx not found above the test output."), "src", "Godwit.Cli", "bin", configuration, output.Name, "godwit.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first.");
    });

    public static Process Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll.Value);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Godwit__ProjectId"] = ProjectId;
        start.Environment["Godwit__Secret"] = Secret;
        start.Environment["Godwit__EncryptionKeys"] = EncryptionKeys;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start godwit");
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await errors);
    }
}
