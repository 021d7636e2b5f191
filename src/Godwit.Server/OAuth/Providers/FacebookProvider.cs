using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Core.OAuth;

namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// Facebook Login: OAuth 2.0 with PKCE, then the Graph API's <c>/me</c>. Facebook's email is never
/// counted as verified: the Graph API carries no verified flag for it, and an account made with a
/// phone number can hold an address its owner never confirmed, so it must not join an existing
/// user by email (docs/oauth.md).
/// </summary>
internal sealed class FacebookProvider(FacebookOptions options, ProviderCalls calls) : IOAuthProvider
{
    private static readonly string[] DefaultScopes = ["email", "public_profile"];

    public string PathSegment => "facebook";

    public string ProviderType => OAuthProviderTypes.ForPathSegment(PathSegment)!;

    public bool CallbackIsFormPost => false;

    public Task<Uri> AuthorizationUrlAsync(OAuthAuthorizationRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(OAuth2Requests.AuthorizationUrl(options, request, Scopes(request.CustomScopes)));

    public async Task<Result<ProviderIdentity>> CompleteAsync(OAuthCallback callback, CancellationToken cancellationToken)
    {
        var tokens = await calls.ExchangeCodeAsync(ProviderType, options.TokenUrl, OAuth2Requests.CodeExchange(options, callback), cancellationToken);
        if (!tokens.Succeeded)
        {
            return tokens.Error!;
        }

        var accessToken = tokens.Value.AccessToken;
        // appsecret_proof binds the Graph call to this app's secret, so an access token leaked
        // elsewhere cannot be replayed through Godwit's app id (Graph API "Securing Requests").
        var me = ProviderSettings.Join(options.ApiBase, $"me?fields=id,first_name,last_name,email,picture&appsecret_proof={AppSecretProof(accessToken)}");
        var user = await calls.GetAsync(ProviderType, "Graph API /me", me, accessToken, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Error!;
        }

        if (ProviderJson.Id(user.Value, "id") is not { } subject)
        {
            return calls.Refuse(ProviderType, "Graph API /me", "answered without an id", ErrorCatalog.OAuthFlowCallbackError);
        }

        var picture = ProviderJson.Object(ProviderJson.Object(user.Value, "picture"), "data");
        return new ProviderIdentity(
            ProviderType,
            subject,
            ProviderJson.Text(user.Value, "email"),
            EmailVerified: false,
            ProviderJson.Text(user.Value, "first_name"),
            ProviderJson.Text(user.Value, "last_name"),
            ProviderJson.Flag(picture, "is_silhouette") ? null : ProviderJson.HttpsUrl(picture, "url"),
            null,
            new ProviderTokens(accessToken, tokens.Value.RefreshToken ?? "", "", AuthorizationUrl.Granted(tokens.Value.Scope, Scopes([])), tokens.Value.ExpiresAt));
    }

    private IReadOnlyList<string> Scopes(IEnumerable<string> custom) => AuthorizationUrl.Scopes(DefaultScopes, options.Scopes, custom);

    internal string AppSecretProof(string accessToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.ClientSecret!), Encoding.UTF8.GetBytes(accessToken)));
}
