using System.Diagnostics;
using System.Globalization;
using Godwit.Bench.Http;
using Godwit.Bench.Scaling;
using Godwit.Core.Security;
using Godwit.Testing;
using Npgsql;

// Two `godwit serve` processes (A and B) on one PostgreSQL database, as behind a load balancer, under
// concurrent load: users written through one are read through the other, sessions started on one
// authenticate on the other (token and JWT, both ways), sessions revoked on B are refused by A (the
// time from the revocation's answer to A's first refusal is measured), and with a short signing-key
// rotation the keys either process creates sign JWTs the other accepts. See docs/scaling.md. Usage:
//   bench/run-scaling.sh [--seconds 200] [--concurrency 16] [--pool 20] [--rotation 00:01:00]
var godwitDll = Path.GetFullPath(Option("--godwit") ?? throw new ArgumentException("Pass --godwit <path to godwit.dll>."));
var seconds = int.Parse(Option("--seconds") ?? "200", CultureInfo.InvariantCulture);
var concurrency = int.Parse(Option("--concurrency") ?? "16", CultureInfo.InvariantCulture);
var pool = int.Parse(Option("--pool") ?? "20", CultureInfo.InvariantCulture);
var rotation = Option("--rotation") ?? "00:01:00";
var work = Directory.CreateTempSubdirectory("godwit-scaling-bench-").FullName;

await using var cluster = await PostgresCluster.StartAsync();
var database = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync()) { MaxPoolSize = pool }.ConnectionString;
var projectId = $"project-live-{Guid.NewGuid():D}";
var secret = $"secret-live-{Guid.NewGuid():N}{Guid.NewGuid():N}";
var encryptionKeys = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
var (portA, portB) = (FreePort.Next(), FreePort.Next());

Dictionary<string, string> Settings(string name) => new()
{
    ["Godwit__ProjectId"] = projectId,
    ["Godwit__Secret"] = secret,
    ["Godwit__EncryptionKeys"] = encryptionKeys,
    // Behind a load balancer both have the balancer's address: it is the JWT issuer they check.
    ["Godwit__PublicUrl"] = $"http://127.0.0.1:{portA}",
    ["Godwit__Database__Provider"] = "postgres",
    ["Godwit__Database__ConnectionString"] = database,
    ["Godwit__DataFolder"] = Path.Combine(work, name),
    ["Godwit__Sessions__SigningKeyRotation"] = rotation,
    // One client address and one credential send everything, far past the per-process limits.
    ["Godwit__RateLimits__Enabled"] = "false",
};

// A first, alone: it creates the schema and the first signing key, as the first process of a deployment would.
await using var processA = await ServerProcess.StartAsync("A", godwitDll, ["serve"], Settings("a"), portA, Path.Combine(work, "a.log"), "/health");
await using var processB = await ServerProcess.StartAsync("B", godwitDll, ["serve"], Settings("b"), portB, Path.Combine(work, "b.log"), "/health");
var tally = new Tally();
using var a = new Api("A", processA.BaseUrl, projectId, secret, tally);
using var b = new Api("B", processB.BaseUrl, projectId, secret, tally);
var checks = new Checks(tally);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}; {seconds} s, {concurrency} user workers + 2 session workers + 1 revocation probe; Maximum Pool Size {pool} per process; SigningKeyRotation {rotation}; logs in {work}");

// Stopping ends each worker after its current check: a request cancelled mid-way would only show up
// as an aborted transaction in the servers' logs.
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
var clock = Stopwatch.StartNew();
var revocations = new List<TimeSpan?>();
var revokedAt = new List<TimeSpan>();
var maxConnections = 0;
var workers = new List<Task>();
for (var i = 0; i < concurrency; i++)
{
    var (writer, reader) = i % 2 == 0 ? (a, b) : (b, a);
    workers.Add(Loop(() => checks.UserAsync(writer, reader, CancellationToken.None)));
}

workers.Add(Loop(() => checks.SessionAsync(a, b, CancellationToken.None)));
workers.Add(Loop(() => checks.SessionAsync(b, a, CancellationToken.None)));
workers.Add(Loop(async () =>
{
    revokedAt.Add(clock.Elapsed);
    revocations.Add(await checks.RevocationAsync(a, b, CancellationToken.None));
    await Task.Delay(500, stop.Token);
}));
workers.Add(Loop(async () =>
{
    maxConnections = Math.Max(maxConnections, await ConnectionsAsync());
    await Task.Delay(1000, stop.Token);
}));
await Task.WhenAll(workers);
clock.Stop();

var measured = revocations.Where(r => r is not null).Select(r => r!.Value.TotalMilliseconds).Order().ToList();
Console.WriteLine();
Console.WriteLine("| requests | req/s | wrong answers | p50 ms | p99 ms | revocations (B) then checks (A) | checks accepting the revoked session | revoke-to-refusal ms: median / max | never refused | signing keys seen | PostgreSQL connections (max) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {tally.Requests:N0} | {tally.Requests / clock.Elapsed.TotalSeconds:N0} | {tally.Wrong} | {tally.LatencyPercentile(0.5):F1} | {tally.LatencyPercentile(0.99):F1} | {measured.Count} | {tally.WrongByCheck.Where(w => w.Key.Contains("still accepted", StringComparison.Ordinal)).Sum(w => w.Value)} | {(measured.Count == 0 ? "-" : $"{measured[measured.Count / 2]:F1} / {measured[^1]:F1}")} | {revocations.Count(r => r is null)} | {checks.KeyIds.Count} | {maxConnections} |"));
foreach (var (check, count) in tally.WrongByCheck)
{
    Console.WriteLine($"wrong: {count} × {check}");
}

foreach (var sample in tally.Samples)
{
    Console.WriteLine($"  e.g. {sample}");
}

Console.WriteLine($"slowest revoke-to-refusal: {string.Join(", ", revocations.Select((r, i) => (r, at: revokedAt[i])).Where(p => p.r is not null).OrderByDescending(p => p.r).Take(3).Select(p => $"{p.r!.Value.TotalMilliseconds:F0} ms at {p.at.TotalSeconds:F0} s"))}");
Console.WriteLine($"key ids, first seen: {string.Join(", ", checks.KeyIds.OrderBy(k => k.Value).Select(k => $"{k.Key} at {(k.Value - DateTimeOffset.UtcNow + clock.Elapsed).TotalSeconds:F0} s"))}");
return tally.Wrong == 0 && revocations.All(r => r is not null) ? 0 : 1;

async Task Loop(Func<Task> body)
{
    try
    {
        while (!stop.IsCancellationRequested)
        {
            await body();
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
    }
}

async Task<int> ConnectionsAsync()
{
    await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
    await connection.OpenAsync();
    await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname <> 'postgres' AND backend_type = 'client backend'", connection);
    return Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
