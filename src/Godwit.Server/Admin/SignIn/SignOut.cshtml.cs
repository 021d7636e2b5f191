using System.Text.Json.Nodes;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Godwit.Server.Admin.SignIn;

/// <summary>Ends the admin's Godwit session (not just the cookie), so a copied cookie stops working too.</summary>
internal sealed class SignOutModel(CurrentAdmin current, SessionService sessions, EventLog events) : PageModel, ISignInStep
{
    public IActionResult OnGet() => Redirect(AdminPageFilter.SignInPath);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (current.Session is { } session)
        {
            events.Record(EventTypes.AdminSignedOut, session.Admin.UserId, new JsonObject { ["session_id"] = session.Session.SessionId });
            await sessions.RevokeAsync(session.Session.SessionId, null, null, cancellationToken);
        }

        AdminCookies.ClearSession(HttpContext);
        return Redirect(AdminPageFilter.SignInPath);
    }
}
