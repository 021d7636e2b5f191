using System.Diagnostics;
using System.Globalization;
using Godwit.Bench.Migration;
using Godwit.Contracts.Users;
using Godwit.Migration;
using Godwit.Testing;
using Microsoft.Extensions.DependencyInjection;

// The latency the migration step adds to a login, the step alone (no Godwit call): N logins of people
// already linked (one indexed read) and N first logins of existing users (miss by Godwit user id, find
// by verified email, conditional link and outcome row in one transaction), one at a time, each in its
// own scope as a request would be, on a table of 100,000 application users. Usage:
//   dotnet Godwit.Bench.Migration.dll [--users 100000] [--logins 2000] [--runs 3] [--databases sqlite,postgres]
var settings = Arguments(args);
var users = int.Parse(settings.GetValueOrDefault("users", "100000"), CultureInfo.InvariantCulture);
var logins = int.Parse(settings.GetValueOrDefault("logins", "2000"), CultureInfo.InvariantCulture);
var runs = int.Parse(settings.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
var databases = settings.GetValueOrDefault("databases", "sqlite,postgres").Split(',');
const int WarmUp = 1500;
if ((WarmUp + (runs * logins)) > users / 2)
{
    throw new ArgumentException($"{users:N0} users leave {users / 2:N0} unlinked, fewer than the {WarmUp + (runs * logins):N0} first logins asked for.");
}

var work = Directory.CreateTempSubdirectory("godwit-migration-bench-").FullName;
Console.WriteLine($"{users:N0} application users, {logins:N0} logins per scenario and run, {runs} runs; {Environment.ProcessorCount} cores; load {Load()}");
var rows = new List<string>();
foreach (var database in databases)
{
    var connection = database == "sqlite"
        ? BenchServices.SqliteConnectionString(work)
        : await (await PostgresCluster.Shared).CreateDatabaseAsync();
    var watch = Stopwatch.StartNew();
    var linkedIds = await Seeder.SeedAsync(database, connection, users);
    Console.WriteLine($"{database}: seeded in {watch.Elapsed.TotalSeconds:N1} s; load {Load()}");
    await using var services = BenchServices.Build(database, connection);
    var nextUnlinked = linkedIds.Length + 1;
    var random = new Random(42);

    // Warm-up: JIT, EF Core's query and model caches, the connection pool.
    await TimeAsync(services, Enumerable.Range(0, WarmUp).Select(_ => Linked(linkedIds, random)));
    await TimeAsync(services, Enumerable.Range(0, WarmUp).Select(_ => FirstLogin(nextUnlinked++)));

    var linkedRuns = new List<(double P50, double P99)>();
    var firstRuns = new List<(double P50, double P99)>();
    for (var run = 0; run < runs; run++)
    {
        linkedRuns.Add(Percentiles(await TimeAsync(services, Enumerable.Range(0, logins).Select(_ => Linked(linkedIds, random)), MigrationOutcome.AlreadyLinked)));
        firstRuns.Add(Percentiles(await TimeAsync(services, Enumerable.Range(0, logins).Select(_ => FirstLogin(nextUnlinked++)), MigrationOutcome.Linked)));
        Console.WriteLine($"{database} run {run + 1}: already linked p50 {linkedRuns[^1].P50:F3} p99 {linkedRuns[^1].P99:F3} ms; first login p50 {firstRuns[^1].P50:F3} p99 {firstRuns[^1].P99:F3} ms; load {Load()}");
    }

    rows.Add(Row(database, "already linked (read by Godwit user id)", linkedRuns));
    rows.Add(Row(database, "first login (link by verified email)", firstRuns));
}

Console.WriteLine();
Console.WriteLine("| database | login | p50 ms (median) | p99 ms (median) | p99 per run | target p99 < 2 ms |");
Console.WriteLine("|---|---|---:|---:|---|---|");
rows.ForEach(Console.WriteLine);
Console.WriteLine($"load at the end: {Load()}");
Directory.Delete(work, recursive: true);
return 0;

static UserWire Linked(string[] linkedIds, Random random)
{
    var index = random.Next(linkedIds.Length);
    return User(linkedIds[index], Seeder.Email(index + 1));
}

static UserWire FirstLogin(int id) => User($"user-live-{Guid.CreateVersion7()}", Seeder.Email(id));

// What an authenticate response's user carries for someone who logged in with an email code.
static UserWire User(string userId, string email) => new(
    userId, [new EmailWire($"email-live-{Guid.CreateVersion7()}", email, Verified: true)], "active", [], [], [], [], [], [], false, [],
    new NameWire("", "", ""), "2026-01-01T00:00:00Z", null, default, default, null, null, null);

static async Task<double[]> TimeAsync(ServiceProvider services, IEnumerable<UserWire> users, MigrationOutcome? expected = null)
{
    var times = new List<double>();
    foreach (var user in users)
    {
        await using var scope = services.CreateAsyncScope();
        var start = Stopwatch.GetTimestamp();
        var result = await scope.ServiceProvider.GetRequiredService<MigrationStep<BenchUser>>().MigrateAsync(user);
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        if (expected is { } outcome && result.Outcome != outcome)
        {
            throw new InvalidOperationException($"Expected {outcome}, got {result.Outcome} for {user.UserId}.");
        }
    }

    return [.. times];
}

static (double P50, double P99) Percentiles(double[] times)
{
    Array.Sort(times);
    double At(double share) => times[Math.Max(0, (int)Math.Ceiling(share * times.Length) - 1)];
    return (At(0.50), At(0.99));
}

static string Row(string database, string login, List<(double P50, double P99)> runs)
{
    static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
    var p99 = Median(runs.Select(r => r.P99));
    return $"| {(database == "sqlite" ? "SQLite" : "PostgreSQL")} | {login} | {Median(runs.Select(r => r.P50)):F3} | {p99:F3} | "
        + $"{string.Join(", ", runs.Select(r => r.P99.ToString("F3", CultureInfo.InvariantCulture)))} | {(p99 < 2 ? "yes" : "**no**")} |";
}

static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static Dictionary<string, string> Arguments(string[] args)
{
    var settings = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        settings[args[i].TrimStart('-')] = args[i + 1];
    }

    return settings;
}
