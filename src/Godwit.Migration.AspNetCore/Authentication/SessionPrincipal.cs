using System.Security.Claims;
using Godwit.Contracts.Sessions;

namespace Godwit.Migration.AspNetCore.Authentication;

/// <summary>The claims every Godwit session yields.</summary>
internal static class SessionPrincipal
{
    public static List<Claim> ClaimsOf(SessionWire session)
    {
        var claims = new List<Claim>
        {
            new(GodwitClaimTypes.UserId, session.UserId),
            new(GodwitClaimTypes.SessionId, session.SessionId),
        };
        claims.AddRange((session.Roles ?? []).Select(role => new Claim(ClaimTypes.Role, role)));
        return claims;
    }

    /// <summary>
    /// Whether the API's answer means the session is over (revoked, expired, not this project's),
    /// as opposed to Godwit being unreachable or overloaded, which says nothing about the session.
    /// </summary>
    public static bool IsRefusal(Godwit.Client.GodwitApiException exception) =>
        exception.StatusCode is >= 400 and < 500 and not 408 and not 429;
}
