using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Godwit.Core.Errors;
using Godwit.Core.OAuth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// Sign in with Apple. Apple answers the callback with a form POST; the code is exchanged with a
/// client secret Godwit signs (<see cref="AppleClientSecret"/>), and who the person is comes from
/// the id_token alone, checked against Apple's published keys: signature (RS256 only), issuer,
/// audience (this Services ID), lifetime and the flow's nonce. The name arrives only at the first
/// login, in the callback's <c>user</c> field, which passes through the browser unsigned: it is
/// taken as a display name and nothing else. Apple does not document PKCE; the nonce inside the
/// signed id_token is what binds the code to this flow.
/// </summary>
internal sealed class AppleProvider : IOAuthProvider
{
    private static readonly string[] DefaultScopes = ["name", "email"];
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly AppleOptions options;
    private readonly ProviderCalls calls;
    private readonly AppleClientSecret clientSecret;
    private readonly TimeProvider clock;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> discovery;
    private readonly JsonWebTokenHandler handler = new();

    public AppleProvider(AppleOptions options, ProviderCalls calls, AppleClientSecret clientSecret, IHttpClientFactory clients, TimeProvider clock)
    {
        this.options = options;
        this.calls = calls;
        this.clientSecret = clientSecret;
        this.clock = clock;
        discovery = new ConfigurationManager<OpenIdConnectConfiguration>(options.DiscoveryUrl, new OpenIdConnectConfigurationRetriever(), new OAuthDocumentRetriever(clients));
    }

    public string PathSegment => "apple";

    public string ProviderType => OAuthProviderTypes.ForPathSegment(PathSegment)!;

    public bool CallbackIsFormPost => true;

    /// <summary>Throws when Apple's discovery document cannot be had: without it there is no endpoint to send anyone to.</summary>
    public async Task<Uri> AuthorizationUrlAsync(OAuthAuthorizationRequest request, CancellationToken cancellationToken)
    {
        var configuration = await discovery.GetConfigurationAsync(cancellationToken);
        return AuthorizationUrl.Build(new Uri(configuration.AuthorizationEndpoint),
        [
            new("client_id", options.ClientId!),
            new("redirect_uri", request.CallbackUrl),
            new("response_type", "code"),
            // Apple sends the name and email scopes' answers only to a form_post callback.
            new("response_mode", "form_post"),
            new("scope", string.Join(' ', Scopes(request.CustomScopes))),
            new("state", request.State),
            new("nonce", request.Nonce),
        ], request.ProviderParameters);
    }

    public async Task<Result<ProviderIdentity>> CompleteAsync(OAuthCallback callback, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await discovery.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return calls.Refuse(ProviderType, "discovery", "Apple's discovery document or keys could not be fetched", ErrorCatalog.OAuthProviderUnavailable);
        }

        if (!Uri.TryCreate(configuration.TokenEndpoint, UriKind.Absolute, out var tokenEndpoint) || ProviderSettings.Url("apple", "token_endpoint", tokenEndpoint.AbsoluteUri) is not null)
        {
            return calls.Refuse(ProviderType, "discovery", "the discovery document names no https token endpoint", ErrorCatalog.OAuthProviderUnavailable);
        }

        var tokens = await calls.ExchangeCodeAsync(ProviderType, tokenEndpoint,
        [
            new("grant_type", "authorization_code"),
            new("code", callback.Code),
            new("redirect_uri", callback.CallbackUrl),
            new("client_id", options.ClientId!),
            new("client_secret", clientSecret.Current()),
        ], cancellationToken);
        if (!tokens.Succeeded)
        {
            return tokens.Error!;
        }

        if (tokens.Value.IdToken is not { } idToken)
        {
            return calls.Refuse(ProviderType, "token exchange", "answered without an id_token", ErrorCatalog.OAuthFlowCallbackError);
        }

        var checkedToken = await ValidateAsync(idToken, configuration, callback.Nonce);
        if (!checkedToken.Succeeded)
        {
            return checkedToken.Error!;
        }

        var claims = checkedToken.Value;
        var email = ProviderJson.Text(claims, "email");
        var (firstName, lastName) = NameFromUserField(callback.FormFields);
        return new ProviderIdentity(
            ProviderType,
            ProviderJson.Text(claims, "sub")!,
            email,
            // Private-relay addresses (@privaterelay.appleid.com) are verified too: Apple forwards to the person's own.
            email is not null && ProviderJson.IsTrue(claims, "email_verified"),
            firstName,
            lastName,
            null,
            null,
            new ProviderTokens(tokens.Value.AccessToken, tokens.Value.RefreshToken ?? "", idToken, AuthorizationUrl.Granted(tokens.Value.Scope, Scopes([])), tokens.Value.ExpiresAt));
    }

    private async Task<Result<JsonElement>> ValidateAsync(string idToken, OpenIdConnectConfiguration configuration, string nonce)
    {
        var result = await handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ConfigurationManager = discovery,
            ValidIssuer = configuration.Issuer,
            ValidAudience = options.ClientId,
            // Apple signs with RS256; naming it shuts out alg confusion (none, HS256 keyed with a public key).
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = IsLive,
        });
        if (!result.IsValid)
        {
            // The exception's type says which check failed; its message could quote the token.
            return calls.Refuse(ProviderType, "id_token", $"refused ({result.Exception?.GetType().Name ?? "invalid"})", ErrorCatalog.OAuthFlowCallbackError);
        }

        var claims = ProviderJson.Parse(Encoding.UTF8.GetBytes(Base64UrlEncoder.Decode(((JsonWebToken)result.SecurityToken).EncodedPayload)));
        if (claims is not { } payload || ProviderJson.Id(payload, "sub") is null)
        {
            return calls.Refuse(ProviderType, "id_token", "carries no subject", ErrorCatalog.OAuthFlowCallbackError);
        }

        // The nonce is the flow's own: an id_token minted for another flow, or replayed, lacks it.
        if (ProviderJson.Text(payload, "nonce") is not { } tokenNonce
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(tokenNonce), Encoding.UTF8.GetBytes(nonce)))
        {
            return calls.Refuse(ProviderType, "id_token", "nonce does not match the flow's", ErrorCatalog.OAuthFlowCallbackError);
        }

        return payload;
    }

    private IReadOnlyList<string> Scopes(IEnumerable<string> custom) => AuthorizationUrl.Scopes(DefaultScopes, options.Scopes, custom);

    // By Godwit's clock, with a minute's grace for clocks apart; an id_token without exp never is.
    private bool IsLive(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } expiry && now < expiry + ClockSkew && (notBefore is null || notBefore.Value - ClockSkew <= now);
    }

    // {"name":{"firstName":"…","lastName":"…"},"email":"…"}, only at the first consent.
    private static (string? First, string? Last) NameFromUserField(IReadOnlyDictionary<string, string> fields)
    {
        if (!fields.TryGetValue("user", out var user) || user.Length > 8192 || ProviderJson.Parse(Encoding.UTF8.GetBytes(user)) is not { } json)
        {
            return (null, null);
        }

        var name = ProviderJson.Object(json, "name");
        return (ProviderJson.Text(name, "firstName"), ProviderJson.Text(name, "lastName"));
    }
}
