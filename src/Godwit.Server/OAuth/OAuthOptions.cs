using Godwit.Core.OAuth;
using Godwit.Core.OneTimeSecrets;

namespace Godwit.Server.OAuth;

/// <summary>
/// The OAuth flow's settings, bound from <c>Godwit:OAuth</c> (each provider's own settings sit
/// under <c>Providers:&lt;segment&gt;</c> and <c>Oidc:&lt;name&gt;</c>).
/// </summary>
internal sealed class OAuthOptions
{
    public const string SectionName = "Godwit:OAuth";

    /// <summary><c>public-token-live-&lt;uuid&gt;</c>: the browser's credential for the start endpoint.</summary>
    public string? PublicToken { get; set; }

    /// <summary>
    /// The public base URL providers reach Godwit at; each provider's callback, the URL to register
    /// with it, is <c>{CallbackBaseUrl}/v1/public/oauth/{provider}/callback</c>.
    /// </summary>
    public string? CallbackBaseUrl { get; set; }

    public static bool IsValidPublicToken(string? token) =>
        token is not null
        && (token.StartsWith(PublicTokenPrefix, StringComparison.Ordinal) || token.StartsWith(DevelopmentPublicTokenPrefix, StringComparison.Ordinal))
        && Guid.TryParseExact(token[PublicTokenPrefix.Length..], "D", out _);

    public const string PublicTokenPrefix = "public-token-live-";

    /// <summary>The token Development makes for itself says <c>test</c>, as Stytch's test environment's do.</summary>
    public const string DevelopmentPublicTokenPrefix = "public-token-test-";

    /// <summary>The callback URL of one provider.</summary>
    public string CallbackUrl(string pathSegment) => $"{CallbackBaseUrl!.TrimEnd('/')}/v1/public/oauth/{pathSegment}/callback";

    /// <summary>The first configuration mistake, or null.</summary>
    /// <param name="anyProvider">Whether any provider is configured, which makes the callback base URL required.</param>
    public string? Problem(bool anyProvider)
    {
        if (PublicToken is not null && !IsValidPublicToken(PublicToken))
        {
            return $"{SectionName}:PublicToken must be {PublicTokenPrefix}<uuid>, for example {PublicTokenPrefix}{Guid.Empty}.";
        }

        if (CallbackBaseUrl is not null && (!MagicLinkUrl.IsValid(CallbackBaseUrl) || new Uri(CallbackBaseUrl).Query.Length > 0))
        {
            return $"{SectionName}:CallbackBaseUrl must be an absolute http or https URL without a query, such as https://auth.example.com.";
        }

        if (anyProvider && CallbackBaseUrl is null)
        {
            return $"{SectionName}:CallbackBaseUrl must be set once a provider is configured: it is the base of the callback URL registered with each provider.";
        }

        return anyProvider && PublicToken is null
            ? $"{SectionName}:PublicToken must be set outside Development once a provider is configured ({PublicTokenPrefix}<uuid>)."
            : null;
    }

    /// <summary>Path segments a generic OpenID provider may not take: the built-in providers'.</summary>
    public static bool IsReservedSegment(string name) => OAuthProviderTypes.ForPathSegment(name) is not null && name != "oidc";
}
