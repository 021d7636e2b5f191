using System.Diagnostics;
using Godwit.Import;
using Spectre.Console;

namespace Godwit.Cli.Import;

/// <summary>
/// How a run shows its progress: a live bar with rate and time left on a terminal, plain lines at a
/// steady interval when output goes to a file or a pipe (where a redrawn bar would be noise).
/// </summary>
internal static class ImportProgress
{
    /// <param name="rowsBefore">Rows an earlier run of the same import already read: this run's rate counts only its own.</param>
    public static async Task<T> ShowAsync<T>(string inputPath, long rowsBefore, Func<IImportProgress, Task<T>> run)
    {
        var total = Task.Run(() => InputSize.CountLines(inputPath));
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await run(new PlainLines(total, new Rate(rowsBefore)));
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("reading", maxValue: double.MaxValue);
                var result = await run(new LiveBar(task, total, new Rate(rowsBefore)));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private static string Describe(ImportCheckpoint state, double rowsPerSecond) =>
        $"line {state.Line:N0}: {state.Counts.Created:N0} created, {state.Counts.Updated:N0} updated, " +
        $"{state.Counts.Skipped:N0} skipped, {state.Counts.Failed:N0} failed, {rowsPerSecond:N0} rows/s";

    /// <summary>
    /// Rows this run read per second of its real elapsed time, from its start: the rows an earlier
    /// run read are not this run's, and the rows of the first report took time too.
    /// </summary>
    internal sealed class Rate(long rowsBefore, TimeProvider? clock = null)
    {
        private readonly TimeProvider time = clock ?? TimeProvider.System;
        private readonly long started = (clock ?? TimeProvider.System).GetTimestamp();

        public double Of(ImportCheckpoint state) =>
            Math.Max(state.Counts.Read - rowsBefore, 0) / Math.Max(time.GetElapsedTime(started).TotalSeconds, 0.001);
    }

    private sealed class LiveBar(ProgressTask task, Task<long> totalLines, Rate rate) : IImportProgress
    {

        public void Report(ImportCheckpoint state)
        {
            if (totalLines.IsCompletedSuccessfully && task.MaxValue == double.MaxValue)
            {
                task.MaxValue = Math.Max(totalLines.Result, 1);
            }

            task.Value = Math.Min(state.Line, task.MaxValue);
            task.Description = Markup.Escape(Describe(state, rate.Of(state)));
        }
    }

    private sealed class PlainLines(Task<long> totalLines, Rate rate) : IImportProgress
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private TimeSpan? lastReport;

        public void Report(ImportCheckpoint state)
        {
            var rowsPerSecond = rate.Of(state);
            if (lastReport is { } last && watch.Elapsed - last < Interval)
            {
                return;
            }

            lastReport = watch.Elapsed;
            var share = totalLines.IsCompletedSuccessfully && totalLines.Result > 0 ? $" ({100.0 * state.Line / totalLines.Result:N0}%)" : "";
            Console.WriteLine(Describe(state, rowsPerSecond) + share);
        }
    }
}
