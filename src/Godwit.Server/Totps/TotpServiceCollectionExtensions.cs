using Godwit.Core.Totps;
using Godwit.Server.Hosting;

namespace Godwit.Server.Totps;

internal static class TotpServiceCollectionExtensions
{
    /// <summary>Registers TOTPs and their options, checked at startup.</summary>
    public static IServiceCollection AddGodwitTotps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TotpOptions>(configuration.GetSection(TotpOptions.SectionName), options => options.Problem());
        services.AddScoped<TotpService>();
        services.AddScoped<TotpLogin>();
        return services;
    }
}
