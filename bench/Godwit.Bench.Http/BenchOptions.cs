using System.Globalization;

namespace Godwit.Bench.Http;

/// <summary>Command-line settings of one benchmark run; <c>--quick</c> shrinks everything for a smoke run.</summary>
internal sealed class BenchOptions
{
    public required string GodwitDll { get; init; }

    public required string BaselineDll { get; init; }

    public string ResultsFolder { get; init; } = Path.Combine("bench", ".results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>
    /// Load applied to each server before measuring. Tiered compilation and dynamic PGO keep
    /// speeding .NET up for about 90 seconds under load, so the default is that long.
    /// </summary>
    public int WarmupSeconds { get; init; } = 90;

    public int DurationSeconds { get; init; } = 20;

    public int Runs { get; init; } = 3;

    public int Connections { get; init; } = 32;

    public int Threads { get; init; } = 2;

    public int Sessions { get; init; } = 10_000;

    public int Jwts { get; init; } = 2_000;

    /// <summary>Single-use magic-link tokens seeded for each measured run (and the warm-up).</summary>
    public int MagicLinksPerRun { get; init; } = 60_000;

    /// <summary>Users with a password seeded for each measured run (and the warm-up) of the password scenarios.</summary>
    public int PasswordUsersPerRun { get; init; } = 3_000;

    /// <summary>
    /// token, jwt, users, magic by default; on request pragmas (the baseline plus Godwit's per-open
    /// pragmas) and passwords (password logins: a migrated bcrypt(10) user's first login, and Argon2id).
    /// </summary>
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string> { "token", "jwt", "users", "magic" };

    /// <summary>Extra settings for the Godwit process, such as Godwit__Sessions__LastAccessedResolution=1.00:00:00.</summary>
    public IReadOnlyDictionary<string, string> GodwitEnvironment { get; init; } = new Dictionary<string, string>();

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        int Int(string name, int normal, int whenQuick) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : quick ? whenQuick : normal;

        return new BenchOptions
        {
            GodwitDll = Path.GetFullPath(values.GetValueOrDefault("godwit") ?? throw new ArgumentException("--godwit <path to godwit.dll> is required.")),
            BaselineDll = Path.GetFullPath(values.GetValueOrDefault("baseline") ?? throw new ArgumentException("--baseline <path to Godwit.Bench.Baseline.dll> is required.")),
            ResultsFolder = values.GetValueOrDefault("results") ?? Path.Combine("bench", ".results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
            WarmupSeconds = Int("warmup", 90, 5),
            DurationSeconds = Int("duration", 20, 5),
            Runs = Int("runs", 3, 1),
            Connections = Int("connections", 32, 32),
            Threads = Int("threads", 2, 2),
            Sessions = Int("sessions", 10_000, 1_000),
            Jwts = Int("jwts", 2_000, 200),
            MagicLinksPerRun = Int("magic-links", 60_000, 10_000),
            PasswordUsersPerRun = Int("password-users", 3_000, 500),
            GodwitEnvironment = values.TryGetValue("godwit-env", out var env)
                ? env.Split(',').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1])
                : new Dictionary<string, string>(),
            Scenarios = values.TryGetValue("scenarios", out var list) ? list.Split(',').ToHashSet() : new HashSet<string> { "token", "jwt", "users", "magic" },
        };
    }
}
