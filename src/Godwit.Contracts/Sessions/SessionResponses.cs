using System.Text.Json.Serialization;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.Sessions;

public sealed record AuthenticateSessionResponse(SessionWire Session, string SessionToken, string SessionJwt, UserWire User) : ApiResponse
{
    /// <summary>Present only when the request carried an <c>authorization_check</c>, which passed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SessionAuthorizationVerdict? Verdict { get; init; }
}

/// <summary>Why an authorization check passed: the user's roles that grant the action.</summary>
public sealed record SessionAuthorizationVerdict(bool Authorized, IReadOnlyList<string> GrantingRoles);

public sealed record GetSessionsResponse(IReadOnlyList<SessionWire> Sessions) : ApiResponse;

public sealed record RevokeSessionResponse : ApiResponse;

public sealed record JwksResponse(IReadOnlyList<JwkWire> Keys) : ApiResponse;

/// <summary>An RSA public key in JWK form (RFC 7517), with the fields Stytch publishes.</summary>
public sealed record JwkWire(string Kty, string Use, IReadOnlyList<string> KeyOps, string Alg, string Kid, IReadOnlyList<string> X5c, string X5tS256, string N, string E);
