using Godwit.Core.MagicLinks;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Passwords;
using Godwit.Server.Delivery;
using Godwit.Server.Hosting;

namespace Godwit.Server.OneTimeSecrets;

internal static class RedirectUrlServiceCollectionExtensions
{
    /// <summary>
    /// Registers the redirect URL allowlist that magic links and password resets share, its
    /// settings checked at startup together with the default URLs that must be on it.
    /// </summary>
    public static IServiceCollection AddGodwitRedirectUrls(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        services.AddValidatedOptions<RedirectUrlOptions>(
            configuration.GetSection(RedirectUrlOptions.SectionName),
            options => options.Problem(development, SendsEmail(configuration), ConfiguredDefaults(configuration)));
        services.AddSingleton(provider => new RedirectUrlAllowlist(provider.GetRequiredService<RedirectUrlOptions>().RedirectUrls, development));
        return services;
    }

    // As AddGodwitDelivery decides: outside Development, email leaves only through a relay.
    private static bool SendsEmail(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.SectionName}:Smtp:Host"]);

    private static (string Setting, string? Url)[] ConfiguredDefaults(IConfiguration configuration)
    {
        var magicLinks = configuration.GetSection(MagicLinkOptions.SectionName);
        var passwords = configuration.GetSection(PasswordOptions.SectionName);
        return
        [
            Setting(magicLinks, nameof(MagicLinkOptions.DefaultLoginUrl)),
            Setting(magicLinks, nameof(MagicLinkOptions.DefaultSignupUrl)),
            Setting(magicLinks, nameof(MagicLinkOptions.DefaultInviteUrl)),
            Setting(passwords, nameof(PasswordOptions.ResetUrl)),
        ];
    }

    private static (string Setting, string? Url) Setting(IConfigurationSection section, string name) => ($"{section.Path}:{name}", section[name]);
}
