using System.Text.RegularExpressions;
using Godwit.Core.OAuth;
using Godwit.Core.OneTimeSecrets;
using Godwit.Server.Hosting;

namespace Godwit.Server.OAuth;

/// <summary>Reads and checks the OpenID providers of <c>Godwit:OAuth</c>: the presets, then the generic ones.</summary>
internal static partial class OidcDefinitions
{
    public static IReadOnlyList<OidcDefinition> Read(IConfigurationSection oauth)
    {
        var definitions = new List<OidcDefinition>();
        foreach (var preset in OidcPreset.All)
        {
            var section = oauth.GetSection($"Providers:{preset.PathSegment}");
            if (section.GetChildren().Any())
            {
                var settings = section.Get<OidcProviderSettings>() ?? new OidcProviderSettings();
                var tenant = settings.Tenant ?? "common";
                if (preset == OidcPreset.Microsoft && !TenantPattern().IsMatch(tenant))
                {
                    throw new ConfigurationProblemException($"{section.Path}:Tenant must be common, organizations, consumers, a tenant id or a domain.");
                }

                var discovery = settings.DiscoveryUrl ?? preset.DefaultDiscoveryUrl.Replace("{tenant}", tenant, StringComparison.Ordinal);
                definitions.Add(Check(section.Path, preset.PathSegment, preset.ProviderType, discovery, settings, preset.EmailTrust));
            }
        }

        foreach (var section in oauth.GetSection("Oidc").GetChildren())
        {
            var name = section.Key;
            if (!NamePattern().IsMatch(name) || OAuthOptions.IsReservedSegment(name))
            {
                throw new ConfigurationProblemException(
                    $"{section.Path}: a generic OpenID provider's name must be 1 to 32 lower-case letters, digits, '-' or '_', and not a built-in provider's (google, microsoft, gitlab, apple, github, facebook, discord).");
            }

            var settings = section.Get<OidcProviderSettings>() ?? new OidcProviderSettings();
            if (settings.ProviderType is { } type && (type.Length is 0 or > 32 || type.Any(char.IsWhiteSpace)))
            {
                throw new ConfigurationProblemException($"{section.Path}:ProviderType must be 1 to 32 characters without spaces.");
            }

            definitions.Add(Check(section.Path, name, settings.ProviderType ?? name, settings.DiscoveryUrl, settings, EmailTrust.EmailVerifiedClaim));
        }

        return definitions;
    }

    private static OidcDefinition Check(string path, string segment, string providerType, string? discoveryUrl, OidcProviderSettings settings, EmailTrust trust)
    {
        if (!MagicLinkUrl.IsValid(discoveryUrl))
        {
            throw new ConfigurationProblemException($"{path}:DiscoveryUrl must be an absolute http or https URL.");
        }

        var discovery = new Uri(discoveryUrl!);
        if (discovery.Scheme != Uri.UriSchemeHttps && !Core.Security.LoopbackHost.Is(discovery))
        {
            throw new ConfigurationProblemException($"{path}:DiscoveryUrl must use https (plain http only to a loopback host).");
        }

        if (string.IsNullOrWhiteSpace(settings.ClientId))
        {
            throw new ConfigurationProblemException($"{path}:ClientId must be set: the client id the provider gave this application.");
        }

        if (string.IsNullOrWhiteSpace(settings.ClientSecret))
        {
            throw new ConfigurationProblemException($"{path}:ClientSecret must be set: the client secret the provider gave this application.");
        }

        if (settings.Scopes.FirstOrDefault(scope => !OAuthScopes.IsValid(scope)) is { } bad)
        {
            throw new ConfigurationProblemException($"{path}:Scopes has '{bad}', which is not a scope name (printable characters without spaces or quotes).");
        }

        return new OidcDefinition(segment, providerType, discovery, settings.ClientId, settings.ClientSecret, settings.Scopes, trust);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9.-]{1,64}$")]
    private static partial Regex TenantPattern();
}
