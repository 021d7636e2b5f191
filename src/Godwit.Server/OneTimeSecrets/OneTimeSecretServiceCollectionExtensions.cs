using Godwit.Core.OneTimeSecrets;

namespace Godwit.Server.OneTimeSecrets;

internal static class OneTimeSecretServiceCollectionExtensions
{
    /// <summary>
    /// Registers what magic links, passcodes and password resets share: issuing a secret, the send
    /// limits, and the redirect URLs links may point to.
    /// </summary>
    public static IServiceCollection AddGodwitOneTimeSecrets(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddScoped<OneTimeSecretIssuer>();
        services.AddScoped<SendLimits>();
        services.AddGodwitRedirectUrls(configuration, environment);
        return services;
    }
}
