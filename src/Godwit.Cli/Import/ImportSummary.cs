using Godwit.Import;
using Spectre.Console;

namespace Godwit.Cli.Import;

/// <summary>The final counts as a table: created, updated, skipped and failed add up to the rows read.</summary>
internal static class ImportSummary
{
    /// <summary>The counts in one line, for a run that had nothing left to do.</summary>
    public static string Describe(ImportCounts counts) =>
        $"{counts.Read:N0} rows read: {counts.Created:N0} created, {counts.Updated:N0} updated, {counts.Skipped:N0} skipped, {counts.Failed:N0} failed";

    public static void Print(ImportCheckpoint result, ImportOptions options)
    {
        var counts = result.Counts;
        var table = new Table().AddColumn("rows").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow(options.DryRun ? "valid (dry run)" : "created", $"{counts.Created:N0}");
        table.AddRow("updated", $"{counts.Updated:N0}");
        table.AddRow("skipped (already imported)", $"{counts.Skipped:N0}");
        table.AddRow("failed", $"{counts.Failed:N0}");
        table.AddRow("[bold]read[/]", $"[bold]{counts.Read:N0}[/]");
        AnsiConsole.WriteLine();
        AnsiConsole.Write(table);

        var hashes = new Table().AddColumn("password hash").AddColumn(new TableColumn("users").RightAligned());
        foreach (var (type, count) in result.HashTypes.OrderByDescending(h => h.Value))
        {
            hashes.AddRow(Markup.Escape(type), $"{count:N0}");
        }

        AnsiConsole.Write(hashes);
        if (counts.TotpsImported > 0)
        {
            AnsiConsole.MarkupLine($"{counts.TotpsImported:N0} TOTP secrets imported, sealed; those users keep their authenticator apps.");
        }

        if (counts.TotpsDropped > 0)
        {
            AnsiConsole.MarkupLine($"{counts.TotpsDropped:N0} TOTP secrets in the export were not imported (without --import-totp, or for users that already existed); those users enrol again after their first login.");
        }

        if (counts.IdentitiesLinked > 0)
        {
            AnsiConsole.MarkupLine($"{counts.IdentitiesLinked:N0} linked social accounts imported; those users sign in with them as before.");
        }

        if (counts.IdentitiesDropped > 0)
        {
            AnsiConsole.MarkupLine($"{counts.IdentitiesDropped:N0} linked social accounts were not imported (the Stytch API target cannot create them); those users are matched by verified email at their next social login, or link again.");
        }

        AnsiConsole.MarkupLine($"Errors: {Markup.Escape(options.ErrorsPath)}");
        if (!options.DryRun)
        {
            AnsiConsole.MarkupLine($"Results: {Markup.Escape(options.ResultsPath)}");
        }
    }
}
