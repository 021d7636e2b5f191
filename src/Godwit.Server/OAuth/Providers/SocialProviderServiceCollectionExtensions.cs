using Godwit.Server.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Godwit.Server.OAuth.Providers;

internal static class SocialProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers Apple, GitHub, Facebook and Discord as <see cref="IOAuthProvider"/> singletons, each
    /// only when its section under <c>Godwit:OAuth:Providers</c> exists, with its settings checked at
    /// startup, and the named HttpClient <c>oauth</c> they call providers with.
    /// </summary>
    public static IServiceCollection AddGodwitSocialOAuthProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProviderCalls>();
        services.AddHttpClient(ProviderCalls.ClientName, client =>
        {
            client.Timeout = ProviderCalls.Timeout;
            client.MaxResponseContentBufferSize = ProviderCalls.MaxAnswerBytes;
            // GitHub's API refuses requests without a User-Agent.
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Godwit");
        })
        // A redirect is not an answer: following one would let whatever host it names answer for the provider.
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        if (configuration.GetSection(AppleOptions.SectionName).Exists())
        {
            services.AddValidatedOptions<AppleOptions>(configuration.GetSection(AppleOptions.SectionName), options => options.Problem());
            services.AddSingleton<AppleClientSecret>();
            services.AddSingleton<IOAuthProvider, AppleProvider>();
        }

        Add<GitHubOptions, GitHubProvider>(services, configuration, GitHubOptions.SectionName);
        Add<FacebookOptions, FacebookProvider>(services, configuration, FacebookOptions.SectionName);
        Add<DiscordOptions, DiscordProvider>(services, configuration, DiscordOptions.SectionName);
        return services;
    }

    private static void Add<TOptions, TProvider>(IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : OAuth2ProviderOptions
        where TProvider : class, IOAuthProvider
    {
        var section = configuration.GetSection(sectionName);
        if (section.Exists())
        {
            services.AddValidatedOptions<TOptions>(section, options => options.Problem());
            services.AddSingleton<IOAuthProvider, TProvider>();
        }
    }
}
