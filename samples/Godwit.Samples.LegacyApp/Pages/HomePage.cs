using System.Globalization;
using System.Security.Claims;
using Godwit.Migration.EntityFrameworkCore;
using LegacyApp.Users;
using Microsoft.EntityFrameworkCore;

namespace LegacyApp.Pages;

/// <summary>
/// <c>GET /</c>: who is signed in, and what the migration step did at their first sign-in through
/// Godwit, as recorded in <c>godwit_migration_events</c>.
/// </summary>
internal static class HomePage
{
    public static RouteHandlerBuilder MapHomePage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/", ShowAsync).RequireAuthorization();

    private static async Task<IResult> ShowAsync(HttpContext context, ClaimsPrincipal principal, AppDbContext db, CancellationToken cancellationToken)
    {
        // The login flow puts the application's own user id (its primary key) in NameIdentifier.
        var id = int.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
        if (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return Layout.Page(context, "Account not found", "<p>This account no longer exists. <a href=\"/logout\">Sign out</a>.</p>");
        }

        // The first outcome recorded for this Godwit user: linked (an existing member) or created (a sign-up).
        var first = await db.Set<MigrationEvent>().AsNoTracking()
            .Where(e => e.GodwitUserId == user.GodwitUserId && (e.Outcome == "linked" || e.Outcome == "created"))
            .OrderBy(e => e.OccurredAt)
            .FirstOrDefaultAsync(cancellationToken);
        var outcome = first?.Outcome ?? "linked";
        var explanation = first switch
        {
            { Outcome: "created" } => $"You signed up through Godwit on {Day(first.OccurredAt)}: the application had no member with your email address, so it created this account.",
            { } => $"Your existing account was linked to Godwit at your first sign-in through it, on {Day(first.OccurredAt)}, matched by your verified {first.MatchedBy.Replace('_', ' ')}.",
            null => "Your account was linked to Godwit outside the sign-in page (no sign-in outcome is recorded for it).",
        };

        return Layout.Page(context, $"Welcome, {user.DisplayName}", $"""
            <dl>
            <dt id="email-label">Email</dt><dd id="email" aria-labelledby="email-label">{Layout.Encode(user.Email)}</dd>
            <dt id="member-since-label">Member since</dt><dd id="member-since" aria-labelledby="member-since-label">{Day(user.MemberSince)}</dd>
            <dt id="user-id-label">Application user id</dt><dd id="user-id" aria-labelledby="user-id-label">{user.Id.ToString(CultureInfo.InvariantCulture)}</dd>
            <dt id="godwit-user-id-label">Godwit user id</dt><dd id="godwit-user-id" aria-labelledby="godwit-user-id-label"><code>{Layout.Encode(user.GodwitUserId)}</code></dd>
            <dt id="migration-outcome-label">Migration</dt><dd id="migration-outcome" aria-labelledby="migration-outcome-label">{outcome}</dd>
            </dl>
            <p>{Layout.Encode(explanation)}</p>
            """);
    }

    private static string Day(DateTime at) => at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
