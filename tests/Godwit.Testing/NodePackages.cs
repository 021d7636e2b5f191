using System.Diagnostics;

namespace Godwit.Testing;

/// <summary>
/// Node.js test projects (tests/sdk, tests/browser), their packages pinned by a lockfile and
/// installed with <c>npm ci</c> the first time a test needs them. Test projects run in parallel
/// processes, so the install takes a lock file in the project's folder: two <c>npm ci</c> in one
/// folder at once break each other.
/// </summary>
public static class NodePackages
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);
    private static readonly Lazy<bool> NodeAndNpm = new(() => CommandExists("node") && CommandExists("npm"));

    /// <summary>Null when Node.js and npm are installed; otherwise why tests that need them skip.</summary>
    public static string? UnavailableReason => NodeAndNpm.Value ? null : "Node.js and npm are not installed on this machine.";

    /// <summary>Runs <c>npm ci</c> in the folder unless <paramref name="package"/> is already installed there.</summary>
    public static async Task EnsureInstalledAsync(string folder, string package)
    {
        var marker = Path.Combine(folder, "node_modules", package, "package.json");
        if (File.Exists(marker))
        {
            return;
        }

        await using var gate = await LockAsync(Path.Combine(folder, ".npm-ci.lock"));
        if (File.Exists(marker))
        {
            return;
        }

        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {folder}:\n{await output}\n{await errors}");
        }
    }

    /// <summary>The repository's root folder, found above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Godwit.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Godwit.slnx not found above the test binaries.");
    }

    /// <summary>An exclusive lock on the file (.NET takes an advisory lock for FileShare.None), waited for.</summary>
    private static async Task<FileStream> LockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static bool CommandExists(string command)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
