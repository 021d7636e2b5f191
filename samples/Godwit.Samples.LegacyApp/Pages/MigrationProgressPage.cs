using System.Globalization;
using System.Text;
using Godwit.Migration.Statistics;

namespace LegacyApp.Pages;

/// <summary><c>GET /migration</c>: how far the move to Godwit has come, from the library's <see cref="IMigrationStats"/>.</summary>
internal static class MigrationProgressPage
{
    private const int Days = 30;

    // Any signed-in member may look here; a real application would keep the page to its staff.
    public static RouteHandlerBuilder MapMigrationProgressPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/migration", ShowAsync).RequireAuthorization();

    private static async Task<IResult> ShowAsync(HttpContext context, IMigrationStats migration, CancellationToken cancellationToken)
    {
        var stats = await migration.GetAsync(Days, cancellationToken);
        var share = stats.ApplicationUsers == 0 ? 0 : 100.0 * stats.LinkedUsers / stats.ApplicationUsers;
        var body = new StringBuilder($"""
            <dl>
            {Stat("application-users", "Application users", stats.ApplicationUsers)}
            {Stat("linked-users", "Holding a Godwit user id", stats.LinkedUsers)}
            {Stat("linked-at-login", "Linked at sign-in", stats.LinkedAtLogin)}
            {Stat("created-at-sign-up", "Created by sign-up", stats.CreatedAtSignUp)}
            {Stat("not-yet-seen", "Not yet seen", stats.NotYetSeen)}
            </dl>
            <p>{share.ToString("0", CultureInfo.InvariantCulture)}% of the application's users have signed in through Godwit.
            The ones not yet seen keep their accounts: they are linked at their first sign-in.</p>
            """);

        if (stats.Days.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"\n<p>Nobody signed in for the first time in the last {Days} days.</p>");
        }
        else
        {
            body.Append(CultureInfo.InvariantCulture, $"""

                <table>
                <caption>First sign-ins per day (UTC), last {Days} days</caption>
                <thead><tr><th scope="col">Day</th><th scope="col">Linked</th><th scope="col">Created</th></tr></thead>
                <tbody>
                """);
            foreach (var day in stats.Days.Reverse())
            {
                body.Append(CultureInfo.InvariantCulture, $"\n<tr><th scope=\"row\">{day.Day:yyyy-MM-dd}</th><td>{day.Linked}</td><td>{day.Created}</td></tr>");
            }

            body.Append("\n</tbody>\n</table>");
        }

        return Layout.Page(context, "Migration progress", body.ToString());
    }

    private static string Stat(string id, string label, long value) =>
        $"""<dt id="{id}-label">{label}</dt><dd id="{id}" aria-labelledby="{id}-label">{value.ToString(CultureInfo.InvariantCulture)}</dd>""";
}
