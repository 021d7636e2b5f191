namespace Godwit.Core.OAuth;

/// <summary>
/// What <c>/v1/public/oauth/{provider}/start</c> keeps until the provider sends the person back:
/// found by the hash of the <c>state</c> it handed the provider, used once, for ten minutes.
/// </summary>
public sealed class OAuthFlowState
{
    public required string OAuthStateId { get; init; }

    /// <summary>SHA-256 of the <c>state</c> parameter; the state itself is never stored.</summary>
    public required byte[] StateHash { get; init; }

    /// <summary>The path segment the flow started under; the callback must come back under the same one.</summary>
    public required string Provider { get; init; }

    /// <summary>Godwit's own PKCE verifier towards the provider, sealed with the project's keys (bound to this row).</summary>
    public required byte[] SealedProviderVerifier { get; init; }

    /// <summary>The OpenID nonce the id_token must carry; public by nature (it travels in the browser).</summary>
    public required string Nonce { get; init; }

    /// <summary>The application's own PKCE challenge, checked when it authenticates the token.</summary>
    public string? CodeChallenge { get; init; }

    public required string LoginRedirectUrl { get; init; }

    public required string SignupRedirectUrl { get; init; }

    /// <summary>The user an <c>oauth_attach_token</c> named: the provider account is linked to them.</summary>
    public string? AttachUserId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? ConsumedAt { get; init; }
}
