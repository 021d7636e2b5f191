namespace Godwit.Core.OAuth;

/// <summary>
/// What a provider established about the person at the end of its flow, after Godwit checked it
/// (the id_token's signature, issuer, audience and nonce, or the provider's user API over the
/// access token): the evidence the login is decided on.
/// </summary>
/// <param name="ProviderType">Stytch's spelling (<see cref="OAuthProviderTypes"/>), or a generic provider's configured name.</param>
/// <param name="EmailVerified">
/// True only when the provider asserts the email verified and is trusted to (for Microsoft, only
/// for a domain the tenant proved; for GitHub, the primary verified email of its email API).
/// An unverified email never joins an existing user.
/// </param>
public sealed record ProviderIdentity(
    string ProviderType,
    string Subject,
    string? Email,
    bool EmailVerified,
    string? FirstName,
    string? LastName,
    string? ProfilePictureUrl,
    string? Locale,
    ProviderTokens Tokens);

/// <summary>The provider's tokens, handed once to the backend in <c>provider_values</c>.</summary>
public sealed record ProviderTokens(string AccessToken, string RefreshToken, string IdToken, IReadOnlyList<string> Scopes, DateTime? ExpiresAt);
