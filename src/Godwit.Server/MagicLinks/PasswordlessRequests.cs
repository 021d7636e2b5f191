using Godwit.Contracts.MagicLinks;
using Godwit.Core.Sessions;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.MagicLinks;

/// <summary>The response magic links and passcodes share.</summary>
internal static class PasswordlessRequests
{
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
