using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Godwit.Bench.Http;

/// <summary>One wrk measurement, as reported by the scripts' <c>done</c> hook.</summary>
internal sealed record WrkResult(long Requests, double Seconds, double P50Ms, double P90Ms, double P99Ms, double MaxMs, long Non2xx, long SocketErrors, double Load1, string Output)
{
    public double RequestsPerSecond => Requests / Seconds;

    public long Successes => Requests - Non2xx;
}

/// <summary>Runs wrk with a scenario script: common.lua followed by the scenario's own file.</summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(BenchOptions options, Uri url, string scenarioScript, string? basicAuth, string scriptArgument, int seconds, string resultsFolder)
    {
        var scriptsFolder = Path.Combine(AppContext.BaseDirectory, "wrk");
        var combined = Path.Combine(resultsFolder, scenarioScript);
        await File.WriteAllTextAsync(combined,
            await File.ReadAllTextAsync(Path.Combine(scriptsFolder, "common.lua")) + "\n" + await File.ReadAllTextAsync(Path.Combine(scriptsFolder, scenarioScript)));

        var load = LoadAverage();
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "-t", options.Threads.ToString(CultureInfo.InvariantCulture),
                     "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{seconds}s", "--timeout", "10s", "-s", combined, url.ToString(), "--", basicAuth ?? "-", scriptArgument,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = SummaryLine().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}):\n{output}\n{errors}");
        }

        long Value(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new WrkResult(
            Value("requests"),
            Value("duration") / 1e6,
            Value("p50") / 1e3,
            Value("p90") / 1e3,
            Value("p99") / 1e3,
            Value("max") / 1e3,
            Value("non2xx"),
            Value("connect") + Value("read") + Value("write") + Value("timeout"),
            load,
            output);
    }

    /// <summary>The one-minute load average, recorded with every figure: other work shares the machine.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"GODWIT_BENCH requests=(?<requests>\d+) duration_us=(?<duration>\d+) p50_us=(?<p50>\d+) p90_us=(?<p90>\d+) p99_us=(?<p99>\d+) max_us=(?<max>\d+) non2xx=(?<non2xx>\d+) connect=(?<connect>\d+) read=(?<read>\d+) write=(?<write>\d+) timeout=(?<timeout>\d+)")]
    private static partial Regex SummaryLine();
}
