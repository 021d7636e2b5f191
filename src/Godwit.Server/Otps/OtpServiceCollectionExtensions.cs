using Godwit.Core.Otps;
using Godwit.Server.Hosting;

namespace Godwit.Server.Otps;

internal static class OtpServiceCollectionExtensions
{
    /// <summary>Registers passcodes and their options, checked at startup.</summary>
    public static IServiceCollection AddGodwitOtps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OtpOptions>(configuration.GetSection(OtpOptions.SectionName), options => options.Problem());
        services.AddScoped<OtpService>();
        return services;
    }
}
