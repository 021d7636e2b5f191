using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Godwit.Core.Errors;
using Godwit.Core.OAuth;
using Godwit.Core.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.OAuth;

/// <summary>One OpenID provider, checked and ready: where it is, who Godwit is to it, and how far its emails are trusted.</summary>
internal sealed record OidcDefinition(
    string PathSegment, string ProviderType, Uri DiscoveryUrl, string ClientId, string ClientSecret, IReadOnlyList<string> Scopes, EmailTrust EmailTrust);

/// <summary>
/// An OpenID Connect provider found by discovery: the authorization code flow with PKCE, the
/// id_token checked by <see cref="JsonWebTokenHandler"/> against the provider's published keys,
/// issuer, this client's id as audience, its lifetime and the flow's nonce.
/// </summary>
internal sealed partial class OidcProvider : IOAuthProvider
{
    private static readonly string[] DefaultScopes = ["openid", "email", "profile"];
    private static readonly string[] ProfileClaims = ["email", "email_verified", "given_name", "family_name", "picture", "locale"];

    private readonly OidcDefinition definition;
    private readonly IHttpClientFactory httpClients;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> discovery;
    private readonly ILogger<OidcProvider> logger;
    private readonly TimeProvider clock;
    private readonly JsonWebTokenHandler tokens = new();

    public OidcProvider(OidcDefinition definition, IHttpClientFactory httpClients, TimeProvider clock, ILogger<OidcProvider> logger)
    {
        this.clock = clock;
        this.definition = definition;
        this.httpClients = httpClients;
        this.logger = logger;
        // Plain http only to loopback (tests and local stand-ins): discovery names the keys that
        // id_tokens are checked with, so it must not be readable or alterable on a network.
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(Providers.ProviderCalls.ClientName)) { RequireHttps = !LoopbackHost.Is(definition.DiscoveryUrl) };
        discovery = new ConfigurationManager<OpenIdConnectConfiguration>(definition.DiscoveryUrl.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public string PathSegment => definition.PathSegment;

    public string ProviderType => definition.ProviderType;

    public bool CallbackIsFormPost => false;

    public async Task<Uri> AuthorizationUrlAsync(OAuthAuthorizationRequest request, CancellationToken cancellationToken)
    {
        var configuration = await discovery.GetConfigurationAsync(cancellationToken);
        var query = new List<KeyValuePair<string, string?>>(request.ProviderParameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
        {
            new("response_type", "code"),
            new("client_id", definition.ClientId),
            new("redirect_uri", request.CallbackUrl),
            new("scope", string.Join(' ', DefaultScopes.Concat(definition.Scopes).Concat(request.CustomScopes).Distinct(StringComparer.Ordinal))),
            new("state", request.State),
            new("nonce", request.Nonce),
            new("code_challenge", request.CodeChallenge),
            new("code_challenge_method", "S256"),
        };
        return new Uri(QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, query));
    }

    public async Task<Result<ProviderIdentity>> CompleteAsync(OAuthCallback callback, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await discovery.GetConfigurationAsync(cancellationToken);
            using var client = httpClients.CreateClient(Providers.ProviderCalls.ClientName);
            using var tokenResponse = await client.SendAsync(TokenRequest(configuration, callback), cancellationToken);
            if (!tokenResponse.IsSuccessStatusCode)
            {
                LogProviderRefused(logger, definition.PathSegment, "token", (int)tokenResponse.StatusCode);
                return (int)tokenResponse.StatusCode >= 500 ? ErrorCatalog.OAuthProviderUnavailable : ErrorCatalog.OAuthAuthCodeError;
            }

            using var tokenJson = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
            var root = tokenJson.RootElement;
            if (Text(root, "id_token") is not { } idToken || Text(root, "access_token") is not { } accessToken)
            {
                return ErrorCatalog.OAuthAuthCodeError.WithMessage("The provider's token response carried no id_token or access_token.");
            }

            var validated = await ValidateIdTokenAsync(idToken, configuration, callback.Nonce);
            if (validated is null)
            {
                return ErrorCatalog.OAuthFlowCallbackError.WithMessage("The provider's id_token failed Godwit's checks (signature, issuer, audience, lifetime or nonce).");
            }

            var claims = validated.Claims.ToList();
            if (Claim(claims, "email") is null && !string.IsNullOrEmpty(configuration.UserInfoEndpoint))
            {
                // Some providers leave the email out of the id_token; userinfo has it, for the same subject only.
                var fromUserInfo = await UserInfoAsync(client, configuration.UserInfoEndpoint, accessToken, Claim(claims, "sub")!, cancellationToken);
                if (fromUserInfo is null)
                {
                    return ErrorCatalog.OAuthFlowCallbackError.WithMessage("The provider's userinfo answer was refused or named another subject.");
                }

                claims.AddRange(fromUserInfo);
            }

            var expiresIn = root.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) ? s : (int?)null;
            var scopes = Text(root, "scope") is { } granted ? granted.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            return new ProviderIdentity(
                definition.ProviderType,
                Claim(claims, "sub")!,
                Claim(claims, "email"),
                EmailVerified(claims),
                Claim(claims, "given_name"),
                Claim(claims, "family_name"),
                Claim(claims, "picture"),
                Claim(claims, "locale"),
                new ProviderTokens(accessToken, Text(root, "refresh_token") ?? "", idToken, scopes, expiresIn is { } e ? clock.GetUtcNow().UtcDateTime.AddSeconds(e) : null));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or InvalidOperationException or IOException or TaskCanceledException)
        {
            LogProviderUnreachable(logger, definition.PathSegment, exception.GetType().Name);
            return ErrorCatalog.OAuthProviderUnavailable;
        }
    }

    private HttpRequestMessage TokenRequest(OpenIdConnectConfiguration configuration, OAuthCallback callback)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = callback.Code,
            ["redirect_uri"] = callback.CallbackUrl,
            ["code_verifier"] = callback.CodeVerifier,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint);
        var methods = configuration.TokenEndpointAuthMethodsSupported;
        // RFC 6749 §2.3.1: Basic is the method every server must support; the form when it is the only one offered.
        if (methods.Count > 0 && !methods.Contains("client_secret_basic") && methods.Contains("client_secret_post"))
        {
            form["client_id"] = definition.ClientId;
            form["client_secret"] = definition.ClientSecret;
        }
        else
        {
            var basic = $"{Uri.EscapeDataString(definition.ClientId)}:{Uri.EscapeDataString(definition.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(basic)));
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    private async Task<JsonWebToken?> ValidateIdTokenAsync(string idToken, OpenIdConnectConfiguration configuration, string nonce)
    {
        var result = await tokens.ValidateTokenAsync(idToken, Parameters(configuration));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider rotated its keys since discovery was cached: fetch them again, once.
            discovery.RequestRefresh();
            result = await tokens.ValidateTokenAsync(idToken, Parameters(await discovery.GetConfigurationAsync(CancellationToken.None)));
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            LogIdTokenRefused(logger, definition.PathSegment, result.Exception?.GetType().Name ?? "unknown");
            return null;
        }

        // The nonce ties the id_token to this flow: one issued for another login is not replayed here.
        return token.TryGetPayloadValue<string>("nonce", out var carried) && !string.IsNullOrEmpty(token.Subject)
            && SecretTokens.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(carried), System.Text.Encoding.UTF8.GetBytes(nonce))
            ? token
            : null;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration)
    {
        var parameters = new TokenValidationParameters
        {
            ValidAudience = definition.ClientId,
            ValidIssuer = configuration.Issuer,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
        if (configuration.Issuer.Contains("{tenantid}", StringComparison.Ordinal))
        {
            // Microsoft's multi-tenant discovery publishes its issuer as a template: the token's
            // issuer must be that template filled with the token's own tenant.
            parameters.IssuerValidator = (issuer, token, validation) =>
                token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tenant) && Guid.TryParse(tenant, out _)
                && string.Equals(issuer, configuration.Issuer.Replace("{tenantid}", tenant, StringComparison.Ordinal), StringComparison.Ordinal)
                    ? issuer
                    : throw new SecurityTokenInvalidIssuerException("The issuer is not the tenant's.");
        }

        return parameters;
    }

    private static async Task<List<Claim>?> UserInfoAsync(HttpClient client, string endpoint, string accessToken, string subject, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement;
        if (Text(root, "sub") != subject)
        {
            return null;
        }

        return [.. ProfileClaims
            .Where(name => root.TryGetProperty(name, out _))
            .Select(name => new Claim(name, root.GetProperty(name).ValueKind == JsonValueKind.String ? root.GetProperty(name).GetString()! : root.GetProperty(name).GetRawText()))];
    }

    private bool EmailVerified(IReadOnlyList<Claim> claims) => definition.EmailTrust switch
    {
        EmailTrust.DomainOwnerVerified => IsTrue(Claim(claims, "xms_edov")),
        _ => IsTrue(Claim(claims, "email_verified")),
    };

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string? Claim(IEnumerable<Claim> claims, string type) => claims.FirstOrDefault(c => c.Type == type && !string.IsNullOrEmpty(c.Value))?.Value;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth provider {Provider} refused the {Step} request with status {Status}.")]
    private static partial void LogProviderRefused(ILogger logger, string provider, string step, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth provider {Provider} could not be used: {Failure}.")]
    private static partial void LogProviderUnreachable(ILogger logger, string provider, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth provider {Provider}'s id_token was refused: {Failure}.")]
    private static partial void LogIdTokenRefused(ILogger logger, string provider, string failure);
}
