using System.Text.Json.Nodes;
using Godwit.Contracts.Sessions;

namespace Godwit.Contracts.OAuth;

/// <summary>OAuth authenticate's body: the token the callback redirected with, and the session fields.</summary>
public sealed record OAuthAuthenticateRequest : ISessionFields
{
    public required string Token { get; init; }

    /// <summary>Required exactly when the flow was started with a <c>code_challenge</c>.</summary>
    public string? CodeVerifier { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }

    /// <summary>Accepted and not acted on (Stytch's device fingerprinting).</summary>
    public string? TelemetryId { get; init; }
}

/// <summary>OAuth attach's body: the provider, and exactly one way of naming the user.</summary>
public sealed record OAuthAttachRequest
{
    public required string Provider { get; init; }

    public string? UserId { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }
}
