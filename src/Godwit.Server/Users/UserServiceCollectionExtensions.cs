using Godwit.Core.Passwords;
using Godwit.Core.Users;
using Godwit.Core.Users.Creation;

namespace Godwit.Server.Users;

internal static class UserServiceCollectionExtensions
{
    /// <summary>
    /// Registers users (and the exchange of their primary factor), the resolver of "the user a request names", passwordless recipients and the
    /// rules every new user meets, with the legacy-hash caps from Godwit:Passwords.
    /// </summary>
    public static IServiceCollection AddGodwitUsers(this IServiceCollection services)
    {
        services.AddScoped<UserService>();
        services.AddScoped<PrimaryFactorExchange>();
        services.AddScoped<UserResolver>();
        services.AddScoped<PasswordlessRecipients>();
        services.AddSingleton(provider => new NewUserValidation(
            provider.GetRequiredService<PasswordOptions>().HashLimits, provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
