using Godwit.Core.Passwords;
using Godwit.Core.Security;
using Godwit.Core.Users;
using Godwit.Core.Users.Creation;

namespace Godwit.Server.Users;

internal static class UserServiceCollectionExtensions
{
    /// <summary>
    /// Registers users (and the exchange of their primary factor), the resolver of "the user a request names", passwordless recipients and the
    /// rules every new user meets, with the legacy-hash caps from Godwit:Passwords and the keys that seal imported TOTPs.
    /// </summary>
    public static IServiceCollection AddGodwitUsers(this IServiceCollection services)
    {
        services.AddScoped<UserService>();
        services.AddScoped<PrimaryFactorExchange>();
        services.AddScoped<UserResolver>();
        services.AddScoped<PasswordlessRecipients>();
        // The keys seal the TOTPs a bulk import brings, as the database import seals them.
        services.AddSingleton(provider => new NewUserValidation(
            provider.GetRequiredService<PasswordOptions>().HashLimits, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ProjectKeys>()));
        return services;
    }
}
