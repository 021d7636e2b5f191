namespace Godwit.Core.OAuth;

public enum OAuthGrantKind
{
    /// <summary>The token the callback hands the application, for <c>POST /v1/oauth/authenticate</c>.</summary>
    Login,

    /// <summary>An <c>oauth_attach_token</c>, for the start of a flow that links a provider to a user.</summary>
    Attach,
}

/// <summary>
/// A single-use token of the OAuth flow, stored as its SHA-256 hash: the login the callback
/// decided (who, through which registration, with the provider's tokens sealed until handed out),
/// or an attach token naming the user a flow links to.
/// </summary>
public sealed class OAuthGrant
{
    public required string OAuthGrantId { get; init; }

    public required OAuthGrantKind Kind { get; init; }

    public required byte[] TokenHash { get; init; }

    public required string UserId { get; init; }

    /// <summary>Attach: the path segment the token is for. Login: the provider's <c>provider_type</c>.</summary>
    public required string Provider { get; init; }

    public string? OAuthRegistrationId { get; init; }

    public string? ProviderSubject { get; init; }

    /// <summary>The email of the user the provider vouched for, recorded in the session's factor.</summary>
    public string? EmailId { get; init; }

    public bool UserCreated { get; init; }

    /// <summary>True when the login proved the user for the first time and their earlier sessions were revoked.</summary>
    public bool ResetSessions { get; init; }

    /// <summary>The application's PKCE challenge from the start, checked before the token is used.</summary>
    public string? CodeChallenge { get; init; }

    /// <summary>The provider's tokens as JSON, sealed with the project's keys; cleared when consumed.</summary>
    public byte[]? SealedProviderTokens { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? ConsumedAt { get; init; }
}
