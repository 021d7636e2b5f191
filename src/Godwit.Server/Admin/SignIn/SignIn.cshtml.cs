using Godwit.Core.Admin;
using Godwit.Core.Errors;
using Godwit.Core.Otps;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Godwit.Server.Admin.SignIn;

/// <summary>
/// The first factor: a code emailed by Godwit's own passcode service. Anyone may ask, and the page
/// answers the same whether or not the address is an admin's; only an admin is sent a code, and
/// only an admin's code is ever checked.
/// </summary>
internal sealed class SignInModel(IUserStore users, OtpService otps, LoginAttempt attempt, SessionEvents sessionEvents, AdminOptions options, ConsoleSessionIds consoleSessions) : PageModel, ISignInStep
{
    public const string WrongCode = "That code is wrong or has expired. Ask for a new one if it keeps failing.";

    public string? Email { get; private set; }

    public bool CodeSent { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostEmailAsync(string? email, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            Email = email;
            Problem = "Enter an email address.";
            return Page();
        }

        Email = normalized;
        CodeSent = true;
        if (await users.FindByEmailAsync(normalized, cancellationToken) is { } user && AdminRole.IsAdmin(user))
        {
            // A refused send (the address's send limit) answers like any other: saying so would tell
            // anyone asking that the address is an admin's.
            await otps.SendAsync(new OtpSendCommand(AddressKind.Email, normalized, options.CodeMinutes, new UserReference(null, null, null)), cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCodeAsync(string? email, string? code, CancellationToken cancellationToken)
    {
        Email = email;
        CodeSent = true;
        attempt.Factor = "otp";
        if (!EmailAddress.TryNormalize(email, out var normalized)
            || await users.FindByEmailAsync(normalized, cancellationToken) is not { } user
            || !AdminRole.IsAdmin(user))
        {
            Problem = WrongCode;
            return Page();
        }

        var emailId = user.Emails.First(e => e.Address == normalized).EmailId;
        var session = new SessionRequest(options.SessionMinutes, null, null, null);
        var result = await otps.AuthenticateAsync(new OtpAuthenticateCommand(emailId, code?.Trim() ?? "", session), cancellationToken);
        if (!result.Succeeded || result.Value.Session is not { } issued)
        {
            sessionEvents.LoginFailed(result.Error ?? ErrorCatalog.BadRequest);
            // The same words for a spent guess budget as for a wrong code: only admins have a budget to spend.
            Problem = WrongCode;
            return Page();
        }

        consoleSessions.Issued(issued.Session);
        AdminCookies.SetSession(HttpContext, issued.SessionToken);
        return Redirect(SecondFactorModel.Path);
    }
}
