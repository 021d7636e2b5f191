using System.Diagnostics;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The Node.js project in tests/sdk (the official Stytch SDK and otplib, pinned by its lockfile),
/// installed with <c>npm ci</c> the first time a test needs it.
/// </summary>
internal static class NodeProject
{
    // Checked and installed once per test process, however many tests ask.
    private static readonly Lazy<Task<bool>> Ready = new(PrepareAsync);

    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "tests", "sdk");

    /// <summary>Skips the calling test when Node.js is missing, and installs the packages when they are.</summary>
    public static async Task RequireAsync()
    {
        if (!await Ready.Value)
        {
            Assert.Skip("Node.js and npm are not installed on this machine.");
        }
    }

    /// <summary>Runs a script of the project to its end and returns what it printed.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, $"node {string.Join(' ', arguments)} failed ({node.ExitCode}):\n{await errors}");
        return await output;
    }

    private static async Task<bool> PrepareAsync()
    {
        if (!await CommandExistsAsync("node") || !await CommandExistsAsync("npm"))
        {
            return false;
        }

        if (File.Exists(Path.Combine(Folder, "node_modules", "stytch", "package.json"))
            && File.Exists(Path.Combine(Folder, "node_modules", "otplib", "package.json")))
        {
            return true;
        }

        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        return npm.ExitCode == 0 ? true : throw new InvalidOperationException($"npm ci failed in {Folder}:\n{await output}\n{await errors}");
    }

    private static async Task<bool> CommandExistsAsync(string command)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Godwit.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Godwit.slnx not found above the test binaries.");
    }
}
