using Godwit.Core.Biometrics;
using Godwit.Server.Hosting;

namespace Godwit.Server.Biometrics;

// Not "BiometricRegistration", the feature's own entity, which this file's code must be able to name.
internal static class BiometricServiceRegistration
{
    /// <summary>Registers biometric keys and their options, checked at startup.</summary>
    public static IServiceCollection AddGodwitBiometrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BiometricOptions>(configuration.GetSection(BiometricOptions.SectionName), options => options.Problem());
        services.AddScoped<BiometricService>();
        return services;
    }
}
