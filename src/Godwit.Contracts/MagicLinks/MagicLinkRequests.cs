using System.Text.Json.Nodes;

namespace Godwit.Contracts.MagicLinks;

/// <summary>Email magic link login_or_create's body.</summary>
public sealed record EmailLoginOrCreateRequest
{
    public required string Email { get; init; }

    public string? LoginMagicLinkUrl { get; init; }

    public string? SignupMagicLinkUrl { get; init; }

    public int? LoginExpirationMinutes { get; init; }

    public int? SignupExpirationMinutes { get; init; }

    public bool? CreateUserAsPending { get; init; }

    /// <summary>The PKCE challenge (S256); the verifier then goes with the authenticate call.</summary>
    public string? CodeChallenge { get; init; }

    public string? Locale { get; init; }
}

/// <summary>Email magic link send's body; with a user id or session, the address is added to that user.</summary>
public sealed record EmailSendRequest
{
    public required string Email { get; init; }

    public string? LoginMagicLinkUrl { get; init; }

    public string? SignupMagicLinkUrl { get; init; }

    public int? LoginExpirationMinutes { get; init; }

    public int? SignupExpirationMinutes { get; init; }

    public string? CodeChallenge { get; init; }

    public string? UserId { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public string? Locale { get; init; }
}

/// <summary>Magic link authenticate's body.</summary>
public sealed record MagicLinkAuthenticateRequest
{
    public required string Token { get; init; }

    public string? CodeVerifier { get; init; }

    /// <summary>Starts a session of this length; without it (and without a session to extend) none is started.</summary>
    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}
