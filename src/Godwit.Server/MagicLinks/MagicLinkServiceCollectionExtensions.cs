using Godwit.Core.MagicLinks;
using Godwit.Server.Hosting;

namespace Godwit.Server.MagicLinks;

internal static class MagicLinkServiceCollectionExtensions
{
    /// <summary>Registers magic links (email and embeddable) and their options (checked at startup).</summary>
    public static IServiceCollection AddGodwitMagicLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MagicLinkOptions>(configuration.GetSection(MagicLinkOptions.SectionName), options => options.Problem());
        services.AddScoped<MagicLinkService>();
        services.AddScoped<EmbeddableMagicLinks>();
        return services;
    }
}
