using System.Globalization;
using System.Text.Json;
using Godwit.Migration.Statistics;
using Spectre.Console;

namespace Godwit.Cli.Migration;

/// <summary><c>godwit migration status</c>'s output: two tables for people, or one JSON object for scripts.</summary>
internal static class StatusReport
{
    public static void Print(MigrationStats stats, int days)
    {
        var totals = new Table().AddColumn("application users").AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        void Row(string what, long count) => totals.AddRow(what, $"{count:N0}", stats.ApplicationUsers == 0 ? "" : $"{100.0 * count / stats.ApplicationUsers:N1} %");
        Row("[bold]in total[/]", stats.ApplicationUsers);
        Row("linked to Godwit", stats.LinkedUsers);
        Row("  linked at their first login", stats.LinkedAtLogin);
        Row("    of which by a social login's subject", stats.LinkedByProviderSubject);
        Row("  created by sign-up at Godwit", stats.CreatedAtSignUp);
        Row("    of which arriving with a social login", stats.CreatedWithProvider);
        Row("  backfilled", stats.Backfilled);
        Row("  dual-written at sign-up", stats.DualWritten);
        Row("not yet seen (no Godwit user id)", stats.NotYetSeen);
        AnsiConsole.Write(totals);
        if (stats.LinkedUsers > stats.LinkedAtLogin + stats.CreatedAtSignUp + stats.Backfilled + stats.DualWritten)
        {
            AnsiConsole.MarkupLine("[grey]Linked users beyond the outcomes recorded were linked before the outcomes table existed, or by hand.[/]");
        }

        var perDay = new Table().Title($"the last {days} UTC days").AddColumn("day");
        foreach (var column in (string[])["linked", "signed up", "backfilled", "dual-written", "repeat logins"])
        {
            perDay.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var day in stats.Days)
        {
            perDay.AddRow(day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{day.Linked:N0}", $"{day.Created:N0}", $"{day.Backfilled:N0}", $"{day.DualWritten:N0}", $"{day.RepeatLogins:N0}");
        }

        if (stats.Days.Count == 0)
        {
            perDay.AddRow("(nothing recorded)", "", "", "", "", "");
        }

        AnsiConsole.Write(perDay);
        if (stats.Providers.Count > 0)
        {
            var social = new Table().Title("social logins").AddColumn("provider")
                .AddColumn(new TableColumn("linked by subject").RightAligned()).AddColumn(new TableColumn("signed up").RightAligned());
            foreach (var provider in stats.Providers)
            {
                social.AddRow(Markup.Escape(provider.ProviderType), $"{provider.Linked:N0}", $"{provider.Created:N0}");
            }

            AnsiConsole.Write(social);
        }
    }

    public static void WriteJson(MigrationStats stats, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("application_users", stats.ApplicationUsers);
        json.WriteNumber("linked_users", stats.LinkedUsers);
        json.WriteNumber("linked_at_login", stats.LinkedAtLogin);
        json.WriteNumber("created_at_sign_up", stats.CreatedAtSignUp);
        json.WriteNumber("backfilled", stats.Backfilled);
        json.WriteNumber("dual_written", stats.DualWritten);
        json.WriteNumber("not_yet_seen", stats.NotYetSeen);
        json.WriteNumber("linked_by_provider_subject", stats.LinkedByProviderSubject);
        json.WriteNumber("created_with_provider", stats.CreatedWithProvider);
        json.WriteStartArray("providers");
        foreach (var provider in stats.Providers)
        {
            json.WriteStartObject();
            json.WriteString("provider_type", provider.ProviderType);
            json.WriteNumber("linked_by_provider_subject", provider.Linked);
            json.WriteNumber("created_at_sign_up", provider.Created);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("days");
        foreach (var day in stats.Days)
        {
            json.WriteStartObject();
            json.WriteString("day", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("linked_at_login", day.Linked);
            json.WriteNumber("created_at_sign_up", day.Created);
            json.WriteNumber("backfilled", day.Backfilled);
            json.WriteNumber("dual_written", day.DualWritten);
            json.WriteNumber("repeat_logins", day.RepeatLogins);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
