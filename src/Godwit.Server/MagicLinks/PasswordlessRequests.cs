using Godwit.Contracts.MagicLinks;
using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server.Http;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.MagicLinks;

/// <summary>Request fields and responses that magic links and passcodes share.</summary>
internal static class PasswordlessRequests
{
    /// <summary>The user a send may attach a new address to: <c>user_id</c>, <c>session_token</c> or <c>session_jwt</c>.</summary>
    public static UserReference ReadAttachTarget(JsonBody body) => new(
        body.String("user_id", ErrorCatalog.InvalidUserId),
        body.String("session_token", ErrorCatalog.InvalidSessionToken),
        body.String("session_jwt", ErrorCatalog.InvalidSessionJwt));

    /// <summary>
    /// Checks the type of fields Godwit accepts but does not act on (device attributes, IP and
    /// user-agent matching, locale, email templates), so a malformed one is still a precise 400.
    /// </summary>
    public static void ReadIgnoredFields(JsonBody body)
    {
        body.Object("attributes", ErrorCatalog.BadRequest.WithMessage("attributes must be an object."));
        body.Object("options", ErrorCatalog.BadRequest.WithMessage("options must be an object."));
        foreach (var name in (string[])["locale", "login_template_id", "signup_template_id", "invite_template_id", "telemetry_id"])
        {
            body.String(name, ErrorCatalog.BadRequest.WithMessage($"{name} must be a string."));
        }
    }

    /// <summary>Magic link and passcode authenticate answer alike; the session is null when none was asked for.</summary>
    public static FactorAuthenticateResponse ToResponse(PrimaryFactorAuthenticated authenticated, TimeProvider clock) => new(
        authenticated.User.UserId,
        authenticated.MethodId,
        authenticated.Session?.SessionToken ?? "",
        authenticated.Session?.SessionJwt ?? "",
        UserWireMapper.ToWire(authenticated.User, clock.GetUtcNow().UtcDateTime),
        ResetSessions: false,
        authenticated.Session is { } issued ? SessionWireMapper.ToWire(issued.Session) : null);
}
