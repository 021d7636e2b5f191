using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Godwit.Core.Totps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Godwit.Server.Admin.SignIn;

/// <summary>
/// The second factor: a TOTP code checked by Godwit's own TOTP login, added to the session the
/// emailed code started. An admin without one must enrol an authenticator app here first: the
/// console is never reachable on an emailed code alone, so a stolen mailbox is not enough.
/// </summary>
internal sealed class SecondFactorModel(CurrentAdmin current, TotpService totps, TotpLogin totpLogin, LoginAttempt attempt, SessionEvents sessionEvents, EventLog events) : PageModel, ISignInStep
{
    public const string Path = AdminConsole.PathPrefix + "/sign-in/second-factor";

    public string? Problem { get; private set; }

    public CreatedTotp? Enrolment { get; private set; }

    public bool CanEnterCode => Enrolment is not null || current.Session!.HasEnrolledSecondFactor;

    public IActionResult OnGet() => (IActionResult?)Next() ?? Page();

    public async Task<IActionResult> OnPostEnrolAsync(CancellationToken cancellationToken)
    {
        if (Next() is { } elsewhere)
        {
            return elsewhere;
        }

        var created = await totps.CreateAsync(current.User.UserId, expirationMinutes: 10, cancellationToken);
        if (!created.Succeeded)
        {
            Problem = created.Error!.Message;
            return Page();
        }

        Enrolment = created.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostTotpAsync(string? code, CancellationToken cancellationToken)
    {
        if (Next() is { } elsewhere)
        {
            return elsewhere;
        }

        attempt.Factor = "totp";
        var session = current.Session!;
        var result = await totpLogin.AuthenticateAsync(session.Admin.UserId, code?.Trim() ?? "", new SessionRequest(null, session.Token, null, null), cancellationToken);
        if (!result.Succeeded)
        {
            sessionEvents.LoginFailed(result.Error ?? ErrorCatalog.BadRequest);
            Problem = result.Error!.StatusCode == 429 ? "Too many wrong codes. Wait a few minutes." : "That code is wrong. Codes change every 30 seconds.";
            return Page();
        }

        events.Record(EventTypes.AdminSignedIn, session.Admin.UserId, new JsonObject { ["session_id"] = session.Session.SessionId, ["second_factor"] = "totp" });
        return Redirect(AdminConsole.PathPrefix);
    }

    /// <summary>Where the admin belongs instead: the first step without a session, the console once both are done.</summary>
    private RedirectResult? Next() =>
        current.Session is null ? Redirect(AdminPageFilter.SignInPath)
        : current.Session.HasSecondFactor ? Redirect(AdminConsole.PathPrefix)
        : null;
}
