using Godwit.Core.Admin;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Server.Admin;

/// <summary>An admin's Godwit session as the console sees it.</summary>
internal sealed record AdminSession(User Admin, Session Session, string Token)
{
    /// <summary>The factor types that count as the second step (TOTP, or a passkey).</summary>
    private static readonly string[] SecondFactors = ["totp", "webauthn"];

    public bool HasSecondFactor => Session.Factors.Any(factor => SecondFactors.Contains(factor.Type, StringComparer.Ordinal));

    /// <summary>Whether the admin has a second factor to prove (otherwise the console enrols one first).</summary>
    public bool HasEnrolledSecondFactor => Admin.Totps.Any(totp => totp.Verified) || Admin.WebAuthnRegistrations.Count > 0;
}

/// <summary>
/// Console sign-ins are ordinary Godwit sessions of the admin's own user, held in an HttpOnly
/// cookie: they expire, are revoked and are audited like every other session, and the role is
/// checked on every request, so taking it away (deleting the user) ends console access at once.
/// </summary>
internal sealed class AdminSessions(SessionService sessions)
{
    /// <summary>The cookie's session when it is live and belongs to an admin; null otherwise.</summary>
    public async Task<AdminSession?> FindAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.Cookies.TryGetValue(AdminCookies.Session, out var token) || string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var found = await sessions.AuthenticateAsync(new SessionRequest(null, token, null, null), cancellationToken);
        return found.Succeeded && AdminRole.IsAdmin(found.Value.User)
            ? new AdminSession(found.Value.User, found.Value.Issued.Session, token)
            : null;
    }
}

/// <summary>The signed-in admin of this request, set by <see cref="AdminPageFilter"/> before a console page runs.</summary>
internal sealed class CurrentAdmin
{
    public AdminSession? Session { get; set; }

    public User User => Session?.Admin ?? throw new InvalidOperationException("No admin is signed in.");

    public string Email => User.Emails.FirstOrDefault()?.Address ?? User.UserId;
}
