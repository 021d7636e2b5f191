using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Godwit.Bench.Http;

/// <summary>
/// One long run of people and attackers at once (wrk/abuse.lua) against Godwit with its limits as
/// shipped: the answer counts by status (no 5xx is the point), throughput and latency, and Godwit's
/// memory at the start and the end of the run (flat is the point).
/// </summary>
internal static partial class AbuseRun
{
    public static async Task<int> RunAsync(BenchOptions options, ServerProcess godwit, string basicAuth, SeededData seeded, string results)
    {
        var url = new Uri(godwit.BaseUrl, "/v1/sessions/authenticate");
        var argument = $"{seeded.TokensFile},{seeded.Argon2idPasswordFile}";
        var warm = await Wrk.RunAsync(options, url, "abuse.lua", basicAuth, argument, Math.Max(5, options.WarmupSeconds), results);
        Console.WriteLine($"Warm-up: {warm.RequestsPerSecond:F0} req/s, load {warm.Load1}.");

        var samples = new List<(double Seconds, double RssMiB)>();
        using var sampling = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                samples.Add((clock.Elapsed.TotalSeconds, godwit.Memory().RssMiB));
                try
                {
                    await Task.Delay(1000, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    // The run ended.
                }
            }
        });
        var result = await Wrk.RunAsync(options, url, "abuse.lua", basicAuth, argument, options.DurationSeconds, results);
        await sampling.CancelAsync();
        await sampler;

        var statusLine = result.Output.Split('\n').FirstOrDefault(line => line.StartsWith("GODWIT_STATUSES", StringComparison.Ordinal)) ?? "";
        var statuses = Statuses().Matches(statusLine).Select(m => (Status: int.Parse(m.Groups["status"].Value, CultureInfo.InvariantCulture), Count: long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .OrderBy(s => s.Status).ToList();
        var tenth = options.DurationSeconds / 10.0;
        var early = samples.Where(s => s.Seconds <= tenth).Select(s => s.RssMiB).DefaultIfEmpty(0).Max();
        var late = samples.Where(s => s.Seconds >= options.DurationSeconds - tenth).Select(s => s.RssMiB).DefaultIfEmpty(0).Max();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Abuse run: {options.DurationSeconds} s, {options.Connections} connections, {options.Threads} threads, load {result.Load1} at start.");
        report.AppendLine();
        report.AppendLine("| Status | Answers | Share |");
        report.AppendLine("| --- | ---: | ---: |");
        foreach (var (status, count) in statuses)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {status} | {count:N0} | {100.0 * count / result.Requests:F1} % |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{result.RequestsPerSecond:F0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, socket errors {result.SocketErrors}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Godwit RSS: {early:F0} MiB at most in the first tenth of the run, {late:F0} MiB at most in the last tenth.");
        var tenths = Enumerable.Range(1, 10).Select(i => samples.Where(s => s.Seconds <= i * tenth).Select(s => s.RssMiB).DefaultIfEmpty(0).Last());
        report.AppendLine(CultureInfo.InvariantCulture, $"RSS at each tenth of the run (MiB): {string.Join(", ", tenths.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}.");
        var serverErrors = statuses.Where(s => s.Status >= 500).Sum(s => s.Count);
        report.AppendLine(serverErrors == 0 ? "No 5xx answers." : $"{serverErrors} 5xx answers: see {Path.Combine(results, "godwit.log")}.");
        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(results, "abuse.md"), report.ToString());
        return serverErrors == 0 ? 0 : 1;
    }

    [GeneratedRegex(@"(?<= )(?<status>\d{3})=(?<count>\d+)")]
    private static partial Regex Statuses();
}
