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
/// <remarks>
/// Only sessions this console started count: an admin's other sessions (an application's, one
/// made through the API with the project secret) carry the same user and may carry a TOTP factor,
/// but never opened the console's email step, and may sit where an application's scripts can read them.
/// </remarks>
internal sealed class AdminSessions(SessionService sessions, ConsoleSessionIds consoleSessions)
{
    /// <summary>The cookie's session when it is live and belongs to an admin; null otherwise.</summary>
    public async Task<AdminSession?> FindAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.Cookies.TryGetValue(AdminCookies.Session, out var token) || string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var found = await sessions.AuthenticateAsync(new SessionRequest(null, token, null, null), cancellationToken);
        return found.Succeeded && AdminRole.IsAdmin(found.Value.User) && consoleSessions.IsConsoles(found.Value.Issued.Session)
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

/// <summary>
/// The ids of the sessions the console's sign-in started, in this process. A restart signs admins
/// out of the console (their sessions stay valid elsewhere until they expire).
/// </summary>
internal sealed class ConsoleSessionIds(TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> expiries = new(StringComparer.Ordinal);

    public void Issued(Session session)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (sessionId, expiresAt) in expiries)
        {
            if (expiresAt <= now)
            {
                expiries.TryRemove(sessionId, out _);
            }
        }

        expiries[session.SessionId] = session.ExpiresAt;
    }

    public bool IsConsoles(Session session) => expiries.ContainsKey(session.SessionId);

    public void Ended(string sessionId) => expiries.TryRemove(sessionId, out _);
}
