using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Godwit.Bench.Http;
using Godwit.Core.Security;

// Seeds a fresh SQLite file, starts Godwit and the bare baseline as their own processes on it,
// warms both up, then measures each scenario several times with wrk and prints a markdown table.
var options = BenchOptions.Parse(args);
var results = Path.GetFullPath(options.ResultsFolder);
var dataFolder = Path.Combine(results, "data");
Directory.CreateDirectory(dataFolder);
Console.WriteLine($"Results in {results}; load {Wrk.LoadAverage()} at start.");

const string ProjectId = "project-live-5f0d1c9e-0000-4000-8000-00000000b3c4";
var secret = "secret-live-" + SecretTokensForBench.Random();
var godwitConfig = new Dictionary<string, string>
{
    ["Godwit__ProjectId"] = ProjectId,
    ["Godwit__Secret"] = secret,
    ["Godwit__EncryptionKeys"] = EncryptionKey.NewSetting(DateTimeOffset.UtcNow),
    ["Godwit__DataFolder"] = dataFolder,
};

// The abuse run measures Godwit with its limits as shipped. Every other scenario measures how fast
// Godwit serves, at tens of thousands of session checks a second from one address with one project
// credential: the default rate limits (60,000 session calls a minute per project) would answer most
// of them 429 and measure the limiter instead.
var abuseRun = options.Scenarios.SetEquals(["abuse"]);
if (!abuseRun)
{
    godwitConfig["Godwit__RateLimits__Enabled"] = "false";
}

var basicAuth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ProjectId}:{secret}"));

var seedWatch = System.Diagnostics.Stopwatch.StartNew();
var seeded = await Seeder.SeedAsync(godwitConfig.Select(kv => $"--{kv.Key.Replace("__", ":", StringComparison.Ordinal)}={kv.Value}").ToArray(), options, results);
Console.WriteLine($"Seeded {options.Sessions} users and sessions, {options.Jwts} JWTs and {seeded.MagicLinkFiles.Count} x {options.MagicLinksPerRun} magic links in {seedWatch.Elapsed.TotalSeconds:F0} s.");

await using var godwit = await ServerProcess.StartAsync("godwit", options.GodwitDll, ["serve"], godwitConfig.Concat(options.GodwitEnvironment).ToDictionary(), 5810, Path.Combine(results, "godwit.log"), "/health");
await using var baseline = await ServerProcess.StartAsync("baseline", options.BaselineDll, ["--Database", Path.Combine(dataFolder, "godwit.db")], new Dictionary<string, string>(), 5811, Path.Combine(results, "baseline.log"), "/health");
var idle = godwit.Memory();
Console.WriteLine($"Godwit pid {godwit.Pid} idle RSS {idle.RssMiB:F0} MiB; baseline pid {baseline.Pid} idle RSS {baseline.Memory().RssMiB:F0} MiB.");

if (abuseRun)
{
    return await AbuseRun.RunAsync(options, godwit, basicAuth, seeded, results);
}

var scenarios = new List<Scenario>();
var token = File.ReadLines(seeded.TokensFile).First();
if (options.Scenarios.Contains("token"))
{
    scenarios.Add(new Scenario("baseline: session_token", baseline, "/baseline/sessions/authenticate", "session-token.lua", null, _ => seeded.TokensFile, $$"""{"session_token":"{{token}}"}""", IsMain: true));
    scenarios.Add(new Scenario("godwit: session_token", godwit, "/v1/sessions/authenticate", "session-token.lua", basicAuth, _ => seeded.TokensFile, $$"""{"session_token":"{{token}}"}""", IsMain: true));
}

if (options.Scenarios.Contains("pragmas"))
{
    scenarios.Add(new Scenario("baseline + Godwit's pragmas", baseline, "/baseline/sessions/authenticate-with-pragmas", "session-token.lua", null, _ => seeded.TokensFile, $$"""{"session_token":"{{token}}"}""", IsMain: true));
}

if (options.Scenarios.Contains("jwt"))
{
    scenarios.Add(new Scenario("godwit: session_jwt", godwit, "/v1/sessions/authenticate", "session-jwt.lua", basicAuth, _ => seeded.JwtsFile, $$"""{"session_jwt":"{{File.ReadLines(seeded.JwtsFile).First()}}"}"""));
}

if (options.Scenarios.Contains("users"))
{
    scenarios.Add(new Scenario("godwit: create user", godwit, "/v1/users", "create-user.lua", basicAuth, run => $"r{run}x{Environment.ProcessId}", """{"email":"probe@example.com"}"""));
}

if (options.Scenarios.Contains("magic"))
{
    // The probe spends the first warm-up token; the warm-up's file has plenty more.
    var probeToken = File.ReadLines(seeded.MagicLinkFiles[0]).First();
    scenarios.Add(new Scenario("godwit: magic link", godwit, "/v1/magic_links/authenticate", "magic-link.lua", basicAuth,
        run => $"{seeded.MagicLinkFiles[run]},{options.Threads}", $$"""{"token":"{{probeToken}}"}"""));
}

if (options.Scenarios.Contains("passwords"))
{
    // The probe logs in the first warm-up user, whose hash it upgrades; the warm-up has plenty more.
    var probeEmail = File.ReadLines(seeded.LegacyPasswordFiles[0]).First();
    var probeBody = $$"""{"email":"{{probeEmail}}","password":"{{PasswordUsers.Password}}"}""";
    scenarios.Add(new Scenario("godwit: password login, migrated bcrypt(10), first login (upgrade)", godwit, "/v1/passwords/authenticate", "password-login.lua", basicAuth,
        run => $"{seeded.LegacyPasswordFiles[run]},{options.Threads},once", probeBody));
    scenarios.Add(new Scenario("godwit: password login, Argon2id", godwit, "/v1/passwords/authenticate", "password-login.lua", basicAuth,
        _ => $"{seeded.Argon2idPasswordFile},{options.Threads},random", probeBody));
}

// Every scenario must answer 200 once before it is timed, so that a broken endpoint is reported
// instead of measured.
using (var http = new HttpClient())
{
    foreach (var scenario in scenarios.ToList())
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(scenario.Server.BaseUrl, scenario.Path)) { Content = new StringContent(scenario.ProbeBody, Encoding.UTF8, "application/json") };
        if (scenario.BasicAuth is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", scenario.BasicAuth);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Console.WriteLine($"Probe {scenario.Name}: {(int)response.StatusCode}, {body.Length} bytes: {body[..Math.Min(body.Length, 160)]}");
        await File.WriteAllTextAsync(Path.Combine(results, $"probe-{scenario.Script}-{scenario.Server.Name}.json"), body);
        if (!response.IsSuccessStatusCode)
        {
            Console.WriteLine($"  skipped: {scenario.Name} does not answer 200.");
            scenarios.Remove(scenario);
        }
    }
}

foreach (var scenario in scenarios)
{
    var seconds = scenario.IsMain ? options.WarmupSeconds : Math.Max(5, options.WarmupSeconds / 3);
    var warm = await Wrk.RunAsync(options, new Uri(scenario.Server.BaseUrl, scenario.Path), scenario.Script, scenario.BasicAuth, scenario.Argument(0), seconds, results);
    Console.WriteLine($"Warm-up {scenario.Name}: {seconds} s, {warm.RequestsPerSecond:F0} req/s, p99 {warm.P99Ms:F1} ms, load {warm.Load1}.");
}

var measured = new List<Measurement>();
for (var run = 1; run <= options.Runs; run++)
{
    foreach (var scenario in scenarios)
    {
        var url = new Uri(scenario.Server.BaseUrl, scenario.Path);
        using var sampling = new CancellationTokenSource();
        var peak = SampleRssAsync(scenario.Server, sampling.Token);
        var cpuBefore = scenario.Server.CpuTime();
        var result = await Wrk.RunAsync(options, url, scenario.Script, scenario.BasicAuth, scenario.Argument(run), options.DurationSeconds, results);
        await sampling.CancelAsync();
        var memory = scenario.Server.Memory();
        var cpuMsPerRequest = (scenario.Server.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, result.Requests);
        var m = new Measurement(run, scenario.Name, result, await peak, memory.PeakMiB, cpuMsPerRequest);
        measured.Add(m);
        Console.WriteLine($"Run {run} {scenario.Name}: {result.RequestsPerSecond:F0} req/s ({result.Successes / result.Seconds:F0} 2xx/s), p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, non-2xx {result.Non2xx}, socket errors {result.SocketErrors}, RSS peak {m.RssPeakMiB:F0} MiB, server CPU {cpuMsPerRequest:F3} ms/request, load {result.Load1}.");
    }
}

var report = Report.Render(options, measured, idle.RssMiB, godwit.Memory().PeakMiB, baseline.Memory());
Console.WriteLine(report);
await File.WriteAllTextAsync(Path.Combine(results, "results.md"), report);
return 0;

static async Task<double> SampleRssAsync(ServerProcess server, CancellationToken cancellationToken)
{
    var peak = 0.0;
    try
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, server.Memory().RssMiB);
            await Task.Delay(250, cancellationToken);
        }
    }
    catch (OperationCanceledException)
    {
        // The run ended.
    }

    return Math.Max(peak, server.Memory().RssMiB);
}

internal sealed record Scenario(string Name, ServerProcess Server, string Path, string Script, string? BasicAuth, Func<int, string> Argument, string ProbeBody, bool IsMain = false);

internal sealed record Measurement(int Run, string Scenario, WrkResult Result, double RssPeakMiB, double VmHwmMiB, double CpuMsPerRequest);

internal static class SecretTokensForBench
{
    public static string Random() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
