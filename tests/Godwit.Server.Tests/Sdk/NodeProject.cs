using System.Diagnostics;
using Godwit.Testing;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The Node.js project in tests/sdk (the official Stytch SDK and otplib, pinned by its lockfile),
/// installed with <c>npm ci</c> the first time a test needs it.
/// </summary>
internal static class NodeProject
{
    public static string Folder { get; } = Path.Combine(NodePackages.RepositoryRoot(), "tests", "sdk");

    /// <summary>Skips the calling test when Node.js is missing (fails it under CI), and installs the packages when they are.</summary>
    public static async Task RequireAsync()
    {
        if (NodePackages.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        await NodePackages.EnsureInstalledAsync(Folder, "stytch");
        await NodePackages.EnsureInstalledAsync(Folder, "otplib");
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

}
