using Godwit.Core.Impersonation;
using Godwit.Server.Hosting;

namespace Godwit.Server.Impersonation;

internal static class ImpersonationServiceCollectionExtensions
{
    /// <summary>Registers impersonation and its options from <c>Godwit:Impersonation</c>.</summary>
    public static IServiceCollection AddGodwitImpersonation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ImpersonationOptions>(configuration.GetSection(ImpersonationOptions.SectionName), _ => null);
        services.AddScoped<ImpersonationService>();
        return services;
    }
}
