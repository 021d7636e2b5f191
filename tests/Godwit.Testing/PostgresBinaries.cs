namespace Godwit.Testing;

/// <summary>
/// Where initdb and pg_ctl are, and as whom they must run: PostgreSQL refuses to start as root,
/// and tests in containers and CI often run as root.
/// </summary>
internal sealed class PostgresBinaries
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly string folder;
    private readonly string? runuser;

    private PostgresBinaries(string folder, string? runAsUser, string? runuser)
    {
        this.folder = folder;
        RunAsUser = runAsUser;
        this.runuser = runuser;
    }

    /// <summary>The unprivileged user the server runs as when the tests run as root; else null.</summary>
    public string? RunAsUser { get; }

    /// <summary>Finds the binaries, or says in <paramref name="unavailableReason"/> why they can't be used.</summary>
    public static PostgresBinaries? Locate(out string? unavailableReason)
    {
        var folder = CandidateFolders().FirstOrDefault(candidate =>
            File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")));
        if (folder is null)
        {
            unavailableReason = "PostgreSQL server binaries (initdb, pg_ctl) were found neither on PATH nor in /usr/lib/postgresql/*/bin; "
                + "install them (Debian: apt-get install postgresql) to run the PostgreSQL tests";
            return null;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            unavailableReason = null;
            return new PostgresBinaries(folder, null, null);
        }

        var user = new[] { "postgres", "nobody" }.FirstOrDefault(UserExists);
        var runuser = FindOnPath("runuser") ?? new[] { "/usr/sbin/runuser", "/sbin/runuser" }.FirstOrDefault(File.Exists);
        if (user is null || runuser is null)
        {
            unavailableReason = "the tests run as root, which PostgreSQL refuses, and there is no `postgres` or `nobody` user "
                + "with runuser to start it as";
            return null;
        }

        unavailableReason = null;
        return new PostgresBinaries(folder, user, runuser);
    }

    /// <summary>Runs initdb or pg_ctl from the located folder, as <see cref="RunAsUser"/> when set.</summary>
    public Task<string> RunAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(folder, tool);
        return runuser is null
            ? CommandRunner.RunAsync(executable, arguments, Timeout)
            : CommandRunner.RunAsync(runuser, ["-u", RunAsUser!, "--", executable, .. arguments], Timeout);
    }

    private static IEnumerable<string> CandidateFolders()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var entry in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return entry;
        }

        // Debian and Ubuntu keep the server binaries off PATH; newest major version first.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.GetDirectories(debianRoot)
                .Select(Path.GetFileName)
                .OrderByDescending(name => int.TryParse(name, out var major) ? major : 0);
            foreach (var version in versions)
            {
                yield return Path.Combine(debianRoot, version!, "bin");
            }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => Path.Combine(entry, name))
            .FirstOrDefault(File.Exists);

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd")
        && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));
}
