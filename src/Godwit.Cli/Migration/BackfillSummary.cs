using System.Diagnostics;
using System.Text.Json;
using Godwit.Migration.Backfill;
using Spectre.Console;

namespace Godwit.Cli.Migration;

/// <summary>A line with the counts every two seconds while a backfill runs (progress comes from several threads).</summary>
internal sealed class BackfillProgressLines(long unlinkedAtStart) : IProgress<BackfillProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly Lock gate = new();
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private TimeSpan lastLine;

    public BackfillProgress? Last { get; private set; }

    public void Report(BackfillProgress value)
    {
        lock (gate)
        {
            if (Last is null || value.Examined > Last.Examined)
            {
                Last = value;
            }

            if (watch.Elapsed - lastLine < Interval)
            {
                return;
            }

            lastLine = watch.Elapsed;
            var share = unlinkedAtStart > 0 ? $" ({100.0 * Last.Examined / unlinkedAtStart:N0} %)" : "";
            Console.WriteLine($"{Last.Examined:N0} users{share}: {Last.Created:N0} created, {Last.LinkedExisting:N0} linked to an existing Godwit user, "
                + $"{Last.AlreadyLinked:N0} linked meanwhile, {Last.Failed:N0} failed; {Last.Examined / watch.Elapsed.TotalSeconds:N0} users/s");
        }
    }
}

/// <summary>The final counts as a table, the first failures, and every failure to a file when asked.</summary>
internal static class BackfillSummary
{
    private const int FailuresShown = 20;

    public static void Print(BackfillResult result, string? failuresPath)
    {
        var totals = result.Totals;
        var table = new Table().AddColumn("application users").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("created in Godwit and linked", $"{totals.Created:N0}");
        table.AddRow("linked to the user Godwit had", $"{totals.LinkedExisting:N0}");
        table.AddRow("linked meanwhile by someone else", $"{totals.AlreadyLinked:N0}");
        table.AddRow("failed (still unlinked)", $"{totals.Failed:N0}");
        table.AddRow("[bold]examined[/]", $"[bold]{totals.Examined:N0}[/]");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{result.Elapsed.TotalSeconds:N1} s, {totals.Examined / Math.Max(result.Elapsed.TotalSeconds, 0.001):N1} users/s.");
        if (result.Failures.Count == 0)
        {
            return;
        }

        var failures = new Table().AddColumn("application user").AddColumn("error_type").AddColumn("why");
        foreach (var failure in result.Failures.Take(FailuresShown))
        {
            failures.AddRow(Markup.Escape(failure.ApplicationUserId), Markup.Escape(failure.ErrorType ?? ""), Markup.Escape(failure.ErrorMessage ?? ""));
        }

        AnsiConsole.Write(failures);
        if (failuresPath is not null)
        {
            using var file = File.Create(failuresPath);
            foreach (var failure in result.Failures)
            {
                using (var json = new Utf8JsonWriter(file))
                {
                    json.WriteStartObject();
                    json.WriteString("application_user_id", failure.ApplicationUserId);
                    json.WriteString("error_type", failure.ErrorType);
                    json.WriteString("error_message", failure.ErrorMessage);
                    json.WriteEndObject();
                }

                file.WriteByte((byte)'\n');
            }

            AnsiConsole.MarkupLine($"Every failure: {Markup.Escape(failuresPath)}");
        }
        else if (result.Failures.Count > FailuresShown)
        {
            AnsiConsole.MarkupLine($"{result.Failures.Count - FailuresShown:N0} more; --failures <file> writes them all.");
        }
    }
}
