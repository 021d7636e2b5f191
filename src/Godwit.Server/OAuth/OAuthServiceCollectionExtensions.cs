using Godwit.Core.OAuth;
using Godwit.Server.Hosting;
using Godwit.Server.OAuth.Providers;

namespace Godwit.Server.OAuth;

internal static class OAuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OAuth flow, the public token (generated once in Development and kept in the
    /// project file), and the OpenID providers configured under <c>Godwit:OAuth</c>; a bad provider
    /// setting stops startup with one line naming it.
    /// </summary>
    public static IServiceCollection AddGodwitOAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataFolder)
    {
        var section = configuration.GetSection(OAuthOptions.SectionName);
        var options = section.Get<OAuthOptions>() ?? new OAuthOptions();
        var anyProvider = section.GetSection("Providers").GetChildren().Any() || section.GetSection("Oidc").GetChildren().Any();
        if (options.PublicToken is null && environment.IsDevelopment())
        {
            options.PublicToken = DevelopmentPublicToken(new DevelopmentProjectFile(dataFolder));
        }

        if (options.Problem(anyProvider) is { } problem)
        {
            throw new ConfigurationProblemException(problem);
        }

        // A misspelt provider would otherwise be silently absent and its start answer 400.
        if (section.GetSection("Providers").GetChildren().FirstOrDefault(p => OAuthProviderTypes.ForPathSegment(p.Key) is null or "OIDC") is { } unknown)
        {
            throw new ConfigurationProblemException(
                $"{unknown.Path} is not a provider Godwit knows: use google, apple, microsoft, github, facebook, gitlab or discord, or Godwit:OAuth:Oidc:{unknown.Key} for another OpenID provider.");
        }

        services.AddSingleton(options);
        // Registers the named client "oauth" too, which the OpenID providers share.
        services.AddGodwitSocialOAuthProviders(configuration);
        foreach (var definition in OidcDefinitions.Read(section))
        {
            services.AddSingleton<IOAuthProvider>(provider => ActivatorUtilities.CreateInstance<OidcProvider>(provider, definition));
        }

        services.AddScoped<OAuthLinking>();
        services.AddScoped<OAuthStarts>();
        services.AddScoped<OAuthCallbacks>();
        services.AddScoped<OAuthAuthentication>();
        services.AddScoped<OAuthRegistrations>();
        services.AddHostedService<OAuthFlowPruner>();
        return services;
    }

    private static string DevelopmentPublicToken(DevelopmentProjectFile file)
    {
        if (file.Read("oauth_public_token") is { } stored)
        {
            return stored;
        }

        var token = OAuthOptions.DevelopmentPublicTokenPrefix + Guid.NewGuid().ToString("D");
        file.Write(new Dictionary<string, string> { ["oauth_public_token"] = token });
        return token;
    }
}
