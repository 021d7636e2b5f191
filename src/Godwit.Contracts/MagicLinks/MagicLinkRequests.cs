using System.Text.Json.Nodes;
using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.MagicLinks;

/// <summary>Email magic link login_or_create's body.</summary>
public sealed record EmailLoginOrCreateRequest : PasswordlessRequest
{
    public required string Email { get; init; }

    public string? LoginMagicLinkUrl { get; init; }

    public string? SignupMagicLinkUrl { get; init; }

    public int? LoginExpirationMinutes { get; init; }

    public int? SignupExpirationMinutes { get; init; }

    public bool? CreateUserAsPending { get; init; }

    /// <summary>The PKCE challenge (S256); the verifier then goes with the authenticate call.</summary>
    public string? CodeChallenge { get; init; }
}

/// <summary>Email magic link send's body; with a user id or session, the address is added to that user.</summary>
public sealed record EmailSendRequest : PasswordlessRequest
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
}

/// <summary>Magic link authenticate's body.</summary>
public sealed record MagicLinkAuthenticateRequest : PasswordlessRequest, ISessionFields
{
    public required string Token { get; init; }

    public string? CodeVerifier { get; init; }

    /// <summary>Starts a session of this length; without it (and without a session to extend) none is started.</summary>
    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}

/// <summary>Email magic link invite's body: a pending user with this address, and the invitation.</summary>
public sealed record MagicLinkInviteRequest : PasswordlessRequest
{
    public required string Email { get; init; }

    public string? InviteMagicLinkUrl { get; init; }

    public int? InviteExpirationMinutes { get; init; }

    public NameWire? Name { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }
}

/// <summary>Revoke invite's body.</summary>
public sealed record RevokeInviteRequest
{
    public required string Email { get; init; }
}

/// <summary>
/// Embeddable magic link create's body: a token for the user named by <c>user_id</c> (or external_id),
/// handed to the backend rather than sent. <c>attributes</c> is accepted and not acted on.
/// </summary>
public sealed record MagicLinkCreateRequest
{
    public required string UserId { get; init; }

    public int? ExpirationMinutes { get; init; }

    public JsonObject? Attributes { get; init; }
}
