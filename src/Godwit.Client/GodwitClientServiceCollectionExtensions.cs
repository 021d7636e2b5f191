using System.Net.Http.Headers;
using System.Text;
using Godwit.Client;
using Godwit.Client.Http;
using Godwit.Client.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="GodwitClient"/>.</summary>
public static class GodwitClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the client sends through, for <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Godwit";

    /// <summary>
    /// Registers <see cref="GodwitClient"/> (transient, over <see cref="IHttpClientFactory"/>) with
    /// Basic auth, the base URL, a timeout and the retry policy. The returned builder adds handlers
    /// of your own.
    /// </summary>
    public static IHttpClientBuilder AddGodwitClient(this IServiceCollection services, Action<GodwitClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<GodwitClientOptions>().Configure(configure).ValidateOnStart();
        return AddClient(services, configurationPath: null);
    }

    /// <summary>Registers <see cref="GodwitClient"/> with options bound from a configuration section (ProjectId, Secret, BaseUrl, ...).</summary>
    public static IHttpClientBuilder AddGodwitClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<GodwitClientOptions>().Bind(section).ValidateOnStart();
        // Failures then name the settings as the application's configuration spells them (Godwit:Secret).
        return AddClient(services, (section as IConfigurationSection)?.Path);
    }

    private static IHttpClientBuilder AddClient(IServiceCollection services, string? configurationPath)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GodwitClientOptions>>(new GodwitClientOptionsValidator(configurationPath)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JwksCache>();
        services.TryAddTransient(provider => new GodwitClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<GodwitClientOptions>>().Value,
            provider.GetRequiredService<JwksCache>(),
            provider.GetRequiredService<TimeProvider>()));

        // No "Sending HTTP request…" lines at Information for every session check and login: the
        // client's calls are the application's plumbing. AddDefaultLogger() on the returned builder
        // brings them back.
        var http = services.AddHttpClient(HttpClientName).RemoveAllLoggers().ConfigureHttpClient((provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<GodwitClientOptions>>().Value;
            client.BaseAddress = options.ResolvedBaseUrl;
            client.Timeout = options.Timeout;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ProjectId}:{options.Secret}")));
        });
        http.AddResilienceHandler("godwit-retry", (pipeline, context) =>
            RetryPolicy.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<GodwitClientOptions>>().Value));
        return http;
    }
}
