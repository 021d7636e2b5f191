using Godwit.Core.MagicLinks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Godwit.Server.MagicLinks;

internal static class MagicLinkServiceCollectionExtensions
{
    /// <summary>Registers magic links, their options (checked at startup) and what they share with passcodes.</summary>
    public static IServiceCollection AddGodwitMagicLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MagicLinkOptions>(configuration.GetSection(MagicLinkOptions.SectionName), options => options.Problem());
        services.AddPasswordlessCore();
        services.AddScoped<MagicLinkService>();
        return services;
    }

    /// <summary>The pieces magic links and passcodes share; safe to call from both.</summary>
    public static IServiceCollection AddPasswordlessCore(this IServiceCollection services)
    {
        services.TryAddScoped<PasswordlessRecipients>();
        services.TryAddScoped<OneTimeSecretIssuer>();
        services.TryAddScoped<PrimaryFactorLogin>();
        return services;
    }

    /// <summary>
    /// Binds options, fails startup with the first problem <paramref name="problem"/> names, and
    /// registers the bound value itself for Core services, which do not know IOptions.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfigurationSection section, Func<T, string?> problem)
        where T : class
    {
        services.AddOptions<T>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new ProblemValidator<T>(problem));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    private sealed class ProblemValidator<T>(Func<T, string?> problem) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problem(options) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
    }
}
