using System.Diagnostics;

namespace Godwit.Cli.Tests;

/// <summary>What a run of the real <c>godwit</c> executable printed and how it ended.</summary>
internal sealed record CommandRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}

/// <summary>
/// Runs the real <c>godwit</c> executable that the build put next to the sources. Settings inherited
/// from the test process (<c>Godwit__…</c>, the hook command's secrets) never reach it: it sees either
/// the fixed test project below or exactly the environment a test gives.
/// </summary>
internal static class GodwitCli
{
    public const string ProjectId = "project-live-00000000-0000-4000-8000-000000000002";
    public const string Secret = "secret-live-import-cli-tests-0123456789abcdef01234";

    /// <summary>A fixed key, so every run of the command opens what an earlier one sealed.</summary>
    public const string EncryptionKeys = "import-cli-tests:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    /// <summary>Long enough for an import on a busy machine; a server that started instead of refusing to is killed after it.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<string, string> TestProject = new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Godwit__ProjectId"] = ProjectId,
        ["Godwit__Secret"] = Secret,
        ["Godwit__EncryptionKeys"] = EncryptionKeys,
    };

    private static readonly string[] Inherited = ["Godwit__", "GODWIT_HOOK_"];

    private static readonly Lazy<string> Dll = new(() =>
    {
        // tests/<project>/bin/<Configuration>/net10.0 → src/Godwit.Cli/bin/<Configuration>/net10.0
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Godwit.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Godwit.slnx not found above the test output."), "src", "Godwit.Cli", "bin", output.Parent!.Name, output.Name, "godwit.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first.");
    });

    /// <summary>Starts godwit with the test project's settings, or with exactly <paramref name="environment"/>.</summary>
    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll.Value);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => Inherited.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? TestProject)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start godwit");
    }

    /// <summary>Runs godwit to its end, as <see cref="Start"/> starts it.</summary>
    public static async Task<CommandRun> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"godwit {string.Join(' ', arguments)} was still running after {Deadline}:\n{await output}\n{await errors}");
        }

        return new CommandRun(process.ExitCode, await output, await errors);
    }
}
