namespace Godwit.Server.OAuth;

/// <summary>
/// One OpenID Connect provider's settings: a generic one (<c>Godwit:OAuth:Oidc:&lt;name&gt;</c>)
/// or a preset (<c>Godwit:OAuth:Providers:google|microsoft|gitlab</c>).
/// </summary>
internal sealed class OidcProviderSettings
{
    /// <summary>The provider's <c>.well-known/openid-configuration</c>; presets default to the real one.</summary>
    public string? DiscoveryUrl { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid email profile</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>A generic provider's <c>provider_type</c>; its name when unset.</summary>
    public string? ProviderType { get; set; }

    /// <summary>Microsoft only: the tenant (<c>common</c>, <c>organizations</c>, <c>consumers</c> or a tenant id).</summary>
    public string? Tenant { get; set; }
}
