using System.Diagnostics;

namespace Godwit.Server.Tests.Keys;

/// <summary>What a run of the real <c>godwit</c> executable printed and how it ended.</summary>
internal sealed record CommandRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}

/// <summary>Runs the <c>godwit</c> executable the build put beside the sources, with only the configuration a test gives it.</summary>
internal static class GodwitCommand
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static async Task<CommandRun> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Godwit__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
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
            // A server that started instead of refusing to would run until killed.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"godwit {string.Join(' ', arguments)} was still running after {Deadline}:\n{await output}\n{await errors}");
        }

        return new CommandRun(process.ExitCode, await output, await errors);
    }

    /// <summary>tests/Godwit.Server.Tests/bin/&lt;Configuration&gt;/net10.0 → src/Godwit.Cli/bin/&lt;Configuration&gt;/net10.0/godwit.dll.</summary>
    private static string Dll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Godwit.slnx")))
        {
            root = root.Parent;
        }

        return Path.Combine(root!.FullName, "src", "Godwit.Cli", "bin", output.Parent!.Name, output.Name, "godwit.dll");
    }
}
