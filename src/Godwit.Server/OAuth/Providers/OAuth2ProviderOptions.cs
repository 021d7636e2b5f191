namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// Settings of a plain OAuth 2.0 provider (GitHub, Facebook, Discord), under
/// <c>Godwit:OAuth:Providers:&lt;segment&gt;</c>. The endpoints default to the provider's real ones;
/// tests point them at stand-ins on loopback.
/// </summary>
internal abstract class OAuth2ProviderOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for on top of the provider's defaults.</summary>
    public List<string> Scopes { get; set; } = [];

    public string? AuthorizationEndpoint { get; set; }

    public string? TokenEndpoint { get; set; }

    public string? ApiBaseUrl { get; set; }

    protected abstract string Segment { get; }

    protected abstract string DefaultAuthorizationEndpoint { get; }

    protected abstract string DefaultTokenEndpoint { get; }

    protected abstract string DefaultApiBaseUrl { get; }

    public Uri AuthorizationUrl => new(AuthorizationEndpoint ?? DefaultAuthorizationEndpoint);

    public Uri TokenUrl => new(TokenEndpoint ?? DefaultTokenEndpoint);

    public string ApiBase => ApiBaseUrl ?? DefaultApiBaseUrl;

    /// <summary>What is wrong with these settings, checked at startup; null when they are usable.</summary>
    public string? Problem() =>
        ProviderSettings.Required(Segment, "ClientId", ClientId, "it is the client id the provider issued for Godwit.")
        ?? ProviderSettings.Required(Segment, "ClientSecret", ClientSecret, "the provider's token endpoint authenticates Godwit by it.")
        ?? ProviderSettings.Url(Segment, "AuthorizationEndpoint", AuthorizationEndpoint)
        ?? ProviderSettings.Url(Segment, "TokenEndpoint", TokenEndpoint)
        ?? ProviderSettings.Url(Segment, "ApiBaseUrl", ApiBaseUrl)
        ?? ProviderSettings.Scopes(Segment, Scopes);
}
