namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// The authorization-code-with-PKCE requests the plain OAuth 2.0 providers share (RFC 6749 §4.1,
/// RFC 7636): the client authenticates with its secret in the form body (client_secret_post), which
/// GitHub, Facebook and Discord all accept.
/// </summary>
internal static class OAuth2Requests
{
    public static Uri AuthorizationUrl(OAuth2ProviderOptions options, OAuthAuthorizationRequest request, IReadOnlyList<string> scopes) =>
        Providers.AuthorizationUrl.Build(options.AuthorizationUrl,
        [
            new("client_id", options.ClientId!),
            new("redirect_uri", request.CallbackUrl),
            new("response_type", "code"),
            new("scope", string.Join(' ', scopes)),
            new("state", request.State),
            new("code_challenge", request.CodeChallenge),
            new("code_challenge_method", "S256"),
        ], request.ProviderParameters);

    public static KeyValuePair<string, string>[] CodeExchange(OAuth2ProviderOptions options, OAuthCallback callback) =>
    [
        new("grant_type", "authorization_code"),
        new("code", callback.Code),
        new("redirect_uri", callback.CallbackUrl),
        new("client_id", options.ClientId!),
        new("client_secret", options.ClientSecret!),
        new("code_verifier", callback.CodeVerifier),
    ];
}
