using System.Text.Json.Nodes;

namespace Godwit.Contracts.Sessions;

/// <summary>Session authenticate's body: exactly one of <c>session_token</c> and <c>session_jwt</c>.</summary>
public sealed record AuthenticateSessionRequest : ISessionFields
{
    public string? SessionToken { get; init; }

    /// <summary>May have expired: a JWT of a live session is exchanged for a fresh one.</summary>
    public string? SessionJwt { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }

    /// <summary>When given, the user's roles must also grant this action, or the call answers 403.</summary>
    public SessionAuthorizationCheck? AuthorizationCheck { get; init; }
}

/// <summary>An action on a resource of the RBAC policy, as <c>authorization_check</c> names it.</summary>
public sealed record SessionAuthorizationCheck
{
    public required string ResourceId { get; init; }

    public required string Action { get; init; }
}

/// <summary>Session revoke's body: exactly one of the three.</summary>
public sealed record RevokeSessionRequest
{
    public string? SessionId { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }
}

/// <summary>Session migrate's body: the legacy system's token, exchanged for a Godwit session.</summary>
public sealed record MigrateSessionRequest
{
    public string? TelemetryId { get; init; }

    public required string SessionToken { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}
