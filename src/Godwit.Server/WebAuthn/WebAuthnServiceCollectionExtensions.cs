using Godwit.Core.WebAuthn;
using Godwit.Server.Hosting;

namespace Godwit.Server.WebAuthn;

internal static class WebAuthnServiceCollectionExtensions
{
    /// <summary>Registers passkeys and WebAuthn with their options, checked at startup.</summary>
    public static IServiceCollection AddGodwitWebAuthn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebAuthnOptions>(configuration.GetSection(WebAuthnOptions.SectionName), options => options.Problem());
        services.AddSingleton(provider => new RelyingParties(provider.GetRequiredService<WebAuthnOptions>()));
        services.AddScoped<WebAuthnRegistrar>();
        services.AddScoped<WebAuthnAuthenticator>();
        services.AddScoped<WebAuthnRegistrations>();
        return services;
    }
}
