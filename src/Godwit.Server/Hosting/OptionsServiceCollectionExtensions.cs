using Microsoft.Extensions.Options;

namespace Godwit.Server.Hosting;

internal static class OptionsServiceCollectionExtensions
{
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
