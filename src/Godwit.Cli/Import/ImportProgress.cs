using System.Diagnostics;
using Godwit.Import;

namespace Godwit.Cli.Import;

/// <summary>
/// Progress lines with the rate, at most every two seconds. The line is rewritten in place on a
/// terminal and printed as plain lines when output goes to a file or a pipe.
/// </summary>
internal sealed class ImportProgress : IImportProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private readonly bool terminal = !Console.IsOutputRedirected;
    private TimeSpan? lastReport;
    private long firstRows = -1;

    public static ImportProgress ForConsole() => new();

    public void Report(ImportCheckpoint state)
    {
        var counts = state.Counts;
        firstRows = firstRows < 0 ? counts.Read : firstRows;
        if (lastReport is { } last && watch.Elapsed - last < Interval)
        {
            return;
        }

        lastReport = watch.Elapsed;
        var rate = (counts.Read - firstRows) / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
        var line = $"line {state.Line:N0}: {counts.Created:N0} created, {counts.Updated:N0} updated, {counts.Skipped:N0} skipped, {counts.Failed:N0} failed, {rate:N0} rows/s";
        Console.Write(terminal ? $"\r{line}   " : line + Environment.NewLine);
    }
}
