using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;
using Godwit.Server.Hosting;

namespace Godwit.Server.Passwords;

internal static class PasswordServiceCollectionExtensions
{
    /// <summary>Registers passwords and their options (checked at startup), hashing and strength policy.</summary>
    public static IServiceCollection AddGodwitPasswords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PasswordOptions>(configuration.GetSection(PasswordOptions.SectionName), options => options.Problem());
        services.AddSingleton(provider => new DefaultPasswordHasher(provider.GetRequiredService<PasswordOptions>().Hashing));
        services.AddSingleton(provider => new PasswordStrengthChecker(provider.GetRequiredService<PasswordOptions>().Strength));
        services.AddSingleton<HashingGate>();
        services.AddSingleton<UnknownUserDecoy>();
        services.AddScoped<PasswordLogin>();
        services.AddScoped<PasswordResetLinks>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<PasswordMigration>();
        services.AddScoped<PasswordService>();
        return services;
    }
}
