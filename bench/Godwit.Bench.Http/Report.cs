using System.Globalization;
using System.Text;

namespace Godwit.Bench.Http;

/// <summary>The markdown summary: medians over the measured runs, ratios taken run by run.</summary>
internal static class Report
{
    public static string Render(BenchOptions options, IReadOnlyList<Measurement> measured, double idleRssMiB, double godwitHwmMiB, (double RssMiB, double PeakMiB) baselineMemory)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"wrk -t{options.Threads} -c{options.Connections}, {options.DurationSeconds} s per run, {options.Runs} runs, warm-up {options.WarmupSeconds} s; {Environment.ProcessorCount} cores; load (1 min) at each run's start in the last column.");
        text.AppendLine();
        text.AppendLine("| scenario | req/s (median) | 2xx/s (median) | p50 ms | p99 ms | non-2xx | Godwit RSS peak MiB | server CPU ms/request | runs (req/s) | load |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var group in measured.GroupBy(m => m.Scenario))
        {
            var runs = group.ToList();
            text.AppendLine(inv, $"| {group.Key} | {Median(runs, m => m.Result.RequestsPerSecond):F0} | {Median(runs, m => m.Result.Successes / m.Result.Seconds):F0} | {Median(runs, m => m.Result.P50Ms):F2} | {Median(runs, m => m.Result.P99Ms):F2} | {runs.Sum(m => m.Result.Non2xx)} | {(group.Key.StartsWith("godwit", StringComparison.Ordinal) ? Median(runs, m => m.RssPeakMiB).ToString("F0", inv) : "-")} | {Median(runs, m => m.CpuMsPerRequest):F3} | {string.Join(", ", runs.Select(m => m.Result.RequestsPerSecond.ToString("F0", inv)))} | {string.Join(", ", runs.Select(m => m.Result.Load1.ToString("F2", inv)))} |");
        }

        var ratios = measured.Where(m => m.Scenario == "godwit: session_token")
            .Join(measured.Where(m => m.Scenario == "baseline: session_token"), g => g.Run, b => b.Run, (g, b) => g.Result.RequestsPerSecond / b.Result.RequestsPerSecond)
            .ToList();
        text.AppendLine();
        if (ratios.Count > 0)
        {
            text.AppendLine(inv, $"Godwit / baseline (session_token), per run: {string.Join(", ", ratios.Select(r => r.ToString("F3", inv)))}; median {Median(ratios, r => r):F3} (target >= 0.9).");
        }

        var pragmaRatios = measured.Where(m => m.Scenario == "baseline + Godwit's pragmas")
            .Join(measured.Where(m => m.Scenario == "baseline: session_token"), g => g.Run, b => b.Run, (g, b) => g.Result.RequestsPerSecond / b.Result.RequestsPerSecond)
            .ToList();
        if (pragmaRatios.Count > 0)
        {
            text.AppendLine(inv, $"Baseline with Godwit's per-open pragmas / baseline, per run: {string.Join(", ", pragmaRatios.Select(r => r.ToString("F3", inv)))}; median {Median(pragmaRatios, r => r):F3}.");
        }

        text.AppendLine(inv, $"Godwit RSS: idle after start {idleRssMiB:F0} MiB, VmHWM at the end {godwitHwmMiB:F0} MiB. Baseline RSS at the end {baselineMemory.RssMiB:F0} MiB, VmHWM {baselineMemory.PeakMiB:F0} MiB.");
        return text.ToString();
    }

    private static double Median<T>(IReadOnlyList<T> items, Func<T, double> value)
    {
        var sorted = items.Select(value).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
