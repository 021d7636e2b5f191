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
        var pace = new ImportPace(new FileInfo(inputPath).Length, rowsBefore);
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await run(new PlainLines(pace));
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("reading", maxValue: pace.InputBytes);
                var result = await run(new LiveBar(task, pace));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private static string Describe(ImportCheckpoint state, double rowsPerSecond) =>
        $"line {state.Line:N0}: {state.Counts.Created:N0} created, {state.Counts.Updated:N0} updated, " +
        $"{state.Counts.Skipped:N0} skipped, {state.Counts.Failed:N0} failed, {rowsPerSecond:N0} rows/s";

    private sealed class LiveBar(ProgressTask task, ImportPace pace) : IImportProgress
    {
        public void Report(ImportCheckpoint state)
        {
            task.Value = pace.BytesDone(state);
            task.Description = Markup.Escape(Describe(state, pace.RowsPerSecond(state)));
        }
    }

    private sealed class PlainLines(ImportPace pace) : IImportProgress
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private TimeSpan? lastReport;

        public void Report(ImportCheckpoint state)
        {
            if (lastReport is { } last && watch.Elapsed - last < Interval)
            {
                return;
            }

            lastReport = watch.Elapsed;
            Console.WriteLine($"{Describe(state, pace.RowsPerSecond(state))} ({100 * pace.Share(state):N0}%)");
        }
    }
}
