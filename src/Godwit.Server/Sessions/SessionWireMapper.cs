using Godwit.Contracts.Sessions;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Server.Sessions;

internal static class SessionWireMapper
{
    public static SessionWire ToWire(Session session) => new(
        session.SessionId,
        session.UserId,
        session.Factors.Select(FactorJson.ToWire).ToList(),
        session.Roles,
        SessionJwts.Rfc3339(session.StartedAt),
        SessionJwts.Rfc3339(session.LastAccessedAt),
        SessionJwts.Rfc3339(session.ExpiresAt),
        new AttributesWire("", ""),
        Metadata.Parse(session.CustomClaims));
}
