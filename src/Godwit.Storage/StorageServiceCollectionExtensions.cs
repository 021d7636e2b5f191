using System.Data.Common;
using Godwit.Core.Biometrics;
using Godwit.Core.Impersonation;
using Godwit.Core.Passwords;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Totps;
using Godwit.Core.Users;
using Godwit.Core.WebAuthn;
using Godwit.Storage.Biometrics;
using Godwit.Storage.Impersonation;
using Godwit.Storage.Passwords;
using Godwit.Storage.Security;
using Godwit.Storage.Sessions;
using Godwit.Storage.Totps;
using Godwit.Storage.Users;
using Godwit.Storage.WebAuthn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Godwit.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the EF Core stores over whichever <see cref="GodwitDbContext"/> the provider registered.
    /// The session check reads on connections of its own from <paramref name="sessionCheckConnection"/>,
    /// kept open between checks when <paramref name="keepSessionCheckConnections"/> (see <see cref="SessionCheckReader"/>).
    /// </summary>
    public static IServiceCollection AddGodwitStores(this IServiceCollection services, Func<DbConnection> sessionCheckConnection, bool keepSessionCheckConnections)
    {
        // Made by the container, so the container disposes it and closes its kept connections.
        services.AddSingleton(_ => new SessionCheckReader(sessionCheckConnection, keepSessionCheckConnections));
        services.AddScoped<IUserStore, EfUserStore>();
        services.AddScoped<IPasswordStore, EfPasswordStore>();
        services.AddScoped<ISessionStore, EfSessionStore>();
        services.AddScoped<ISigningKeyStore, EfSigningKeyStore>();
        services.AddScoped<IOneTimeSecretStore, EfOneTimeSecretStore>();
        services.AddScoped<IWebAuthnStore, EfWebAuthnStore>();
        services.AddScoped<IBiometricStore, EfBiometricStore>();
        services.AddScoped<ITotpStore, EfTotpStore>();
        services.AddScoped<IBudgetStore, EfBudgetStore>();
        services.AddScoped<ISealedSecretStore, EfSealedSecretStore>();
        services.AddScoped<IImpersonationStore, EfImpersonationStore>();
        services.AddScoped<Core.OAuth.IOAuthFlowStore, OAuth.EfOAuthFlowStore>();
        services.AddScoped<Core.Events.IEventStore, Events.EfEventStore>();
        // The user store records address and link events; a host without a request (the command
        // line, the store tests) records them as the system.
        services.TryAddScoped<Core.Events.EventOrigin>();
        services.TryAddScoped<Core.Events.EventLog>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Core.Webhooks.IWebhookStore, Webhooks.EfWebhookStore>();
        return services;
    }
}
