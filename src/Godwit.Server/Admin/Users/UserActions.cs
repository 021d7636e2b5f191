using System.Text.Json.Nodes;
using Godwit.Core.Biometrics;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.MagicLinks;
using Godwit.Core.OAuth;
using Godwit.Core.Passwords;
using Godwit.Core.Sessions;
using Godwit.Core.Totps;
using Godwit.Core.Users;
using Godwit.Core.WebAuthn;

namespace Godwit.Server.Admin.Users;

/// <summary>
/// What support may do to a user from the console, each through the Core service the API uses.
/// Each answers null when done, or the reason it was refused, in words for the page.
/// Every id is checked to belong to the user on the page, so a tampered form cannot reach another user.
/// </summary>
internal sealed class UserActions(
    IUserStore users,
    ISessionStore sessionStore,
    SessionEvents sessionEvents,
    SessionService sessions,
    UserService userService,
    MagicLinkService magicLinks,
    PasswordResetLinks resets,
    PasswordService passwords,
    TotpService totps,
    WebAuthnRegistrations passkeys,
    BiometricService biometrics,
    OAuthRegistrations oauth,
    EventLog events,
    TimeProvider clock)
{
    private const string NotFound = "That user no longer exists.";

    public async Task<string?> UnlockAsync(string userId, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(userId, cancellationToken) is not { } user || user.UserId != userId)
        {
            return NotFound;
        }

        if (!user.IsLockedAt(clock.GetUtcNow().UtcDateTime))
        {
            return "The user is not locked.";
        }

        events.Record(EventTypes.UserUnlocked, user.UserId, new JsonObject { ["reason"] = "admin" });
        user.FailedAuthentications = 0;
        user.LockCreatedAt = null;
        user.LockExpiresAt = null;
        return (await users.SaveAsync(cancellationToken))?.Message;
    }

    public async Task<string?> RevokeSessionAsync(string userId, string? sessionId, CancellationToken cancellationToken)
    {
        if (sessionId is null || await sessionStore.FindByIdAsync(sessionId, clock.GetUtcNow().UtcDateTime, cancellationToken) is not { } session || session.UserId != userId)
        {
            return "That session has already ended.";
        }

        return (await sessions.RevokeAsync(sessionId, null, null, cancellationToken))?.Message;
    }

    public async Task<string?> RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        await sessionStore.RevokeAllForUserAsync(userId, null, sessionEvents.Revoked, cancellationToken);
        return null;
    }

    public async Task<string?> SendMagicLinkAsync(string userId, CancellationToken cancellationToken)
    {
        if (await EmailOfAsync(userId, cancellationToken) is not { } email)
        {
            return "The user has no email address.";
        }

        var sent = await magicLinks.SendAsync(new MagicLinkSendCommand(email, new LinkRequest(null, null), new LinkRequest(null, null), null, new UserReference(null, null, null)), cancellationToken);
        return Sent(sent.Error, userId, "send_magic_link", email);
    }

    public async Task<string?> SendPasswordResetAsync(string userId, CancellationToken cancellationToken)
    {
        if (await EmailOfAsync(userId, cancellationToken) is not { } email)
        {
            return "The user has no email address.";
        }

        var sent = await resets.StartResetAsync(new ResetStartCommand(email, null, null, null), cancellationToken);
        return Sent(sent.Error, userId, "send_password_reset", email);
    }

    public async Task<string?> DeleteFactorAsync(string userId, string? kind, string? factorId, CancellationToken cancellationToken)
    {
        if (factorId is null || await users.FindAsync(userId, cancellationToken) is not { } user || user.UserId != userId)
        {
            return NotFound;
        }

        var owned = kind switch
        {
            "password" => user.Password?.PasswordId == factorId,
            "totp" => user.Totps.Any(t => t.TotpId == factorId),
            "webauthn" => user.WebAuthnRegistrations.Any(r => r.WebAuthnRegistrationId == factorId),
            "biometric" => user.BiometricRegistrations.Any(r => r.BiometricRegistrationId == factorId),
            "oauth" => user.OAuthRegistrations.Any(r => r.OAuthRegistrationId == factorId),
            _ => false,
        };
        if (!owned)
        {
            return "That factor is not this user's, or is already gone.";
        }

        var deleted = kind switch
        {
            "password" => (await passwords.DeleteAsync(factorId, cancellationToken)).Error,
            "totp" => (await totps.DeleteAsync(factorId, cancellationToken)).Error,
            "webauthn" => (await passkeys.DeleteAsync(factorId, cancellationToken)).Error,
            "biometric" => (await biometrics.DeleteAsync(factorId, cancellationToken)).Error,
            _ => (await oauth.DeleteAsync(factorId, cancellationToken)).Error,
        };
        return Refusal(deleted);
    }

    public async Task<string?> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        Refusal((await userService.DeleteAsync(userId, cancellationToken)).Error);

    private async Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken) =>
        await users.FindAsync(userId, cancellationToken) is { } user && user.UserId == userId ? user.Emails.FirstOrDefault()?.Address : null;

    /// <summary>An email sent changes nothing else the log describes, so the console records it (committed at the end of the request).</summary>
    private string? Sent(ApiError? error, string userId, string action, string email)
    {
        if (error is null)
        {
            events.Record(EventTypes.AdminAction, userId, new JsonObject { ["action"] = action, ["email"] = email });
        }

        return Refusal(error);
    }

    private static string? Refusal(ApiError? error) => error is null ? null : $"Refused: {error.Message} ({error.ErrorType})";
}
