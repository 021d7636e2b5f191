using Godwit.Core.Rbac;
using Godwit.Server.Hosting;

namespace Godwit.Server.Rbac;

internal static class RbacServiceCollectionExtensions
{
    /// <summary>Registers the RBAC policy from <c>Godwit:Rbac</c>; a policy naming an unknown resource or action refuses to start.</summary>
    public static IServiceCollection AddGodwitRbac(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RbacOptions>(configuration.GetSection(RbacOptions.SectionName), options => options.Problem());
        services.AddSingleton<RbacPolicy>();
        return services;
    }
}
