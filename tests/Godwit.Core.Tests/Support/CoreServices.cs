using Godwit.Core.Delivery;
using Godwit.Core.Delivery.Templates;
using Godwit.Core.Legacy;
using Godwit.Core.MagicLinks;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Otps;
using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Totps;
using Godwit.Core.Users;
using Godwit.Core.Users.Creation;
using Godwit.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Core.Tests.Support;

/// <summary>
/// Godwit's Core services as src/Godwit.Server/GodwitApp.cs and its Add… registrations wire them,
/// without the HTTP application: a fresh, migrated SQLite file per test class, a fake clock, and an
/// <see cref="Outbox"/> for email and SMS. Each call runs in a scope of its own, as one request
/// would, and tests use addresses no other test uses, so they share the database safely. The clock
/// only moves forward, so a test that steps it leaves nothing behind for the next.
/// </summary>
public sealed class CoreServices : IAsyncLifetime
{
    public const string Issuer = "https://godwit.test";
    public const string ProjectId = "project-test-5e0c1a4e-2f2d-4d2c-9a1a-0b9c3f1f7d10";
    public const string RedirectUrl = "https://app.example.com/authenticate";

    private readonly string folder = Directory.CreateTempSubdirectory("godwit-core-").FullName;
    private readonly ProjectKeys keys = new(new EncryptionKeyRing([NewEncryptionKey()], projectSecret: null));
    private ServiceProvider? services;

    /// <summary>A whole second, so that stepping by seconds lands exactly on every edge.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public Outbox Outbox { get; } = new();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public IServiceProvider Services => services ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Runs <paramref name="work"/> with the services of a fresh scope, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Calls one service of a fresh scope.</summary>
    public Task<T> CallAsync<TService, T>(Func<TService, Task<T>> call)
        where TService : notnull =>
        InScopeAsync(provider => call(provider.GetRequiredService<TService>()));

    /// <summary>
    /// Another process's services over the same database and clock, its signing keys not yet loaded:
    /// for seeing what a service does without a key in hand.
    /// </summary>
    public ServiceProvider BuildAnotherProcess() => Build();

    public async ValueTask InitializeAsync()
    {
        File.Copy(await MigratedTemplate.Value, DatabasePath);
        services = Build();
        // As GodwitApp.PrepareAsync: the first signing key exists before anything is served.
        await using var scope = services.CreateAsyncScope();
        await services.GetRequiredService<SigningKeyRing>().RefreshAsync(scope.ServiceProvider.GetRequiredService<ISigningKeyStore>(), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

    private string DatabasePath => Path.Combine(folder, "godwit.db");

    /// <summary>
    /// One database migrated per run and copied for each test class: applying every migration
    /// again per class would cost more than the tests themselves.
    /// </summary>
    private static readonly Lazy<Task<string>> MigratedTemplate = new(async () =>
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("godwit-core-template-").FullName, "godwit.db");
        var connection = $"Data Source={path};Pooling=False";
        await using (var provider = new ServiceCollection().AddGodwitSqlite(connection).BuildServiceProvider())
        {
            await SqliteStorage.MigrateAsync(provider, CancellationToken.None);
        }

        return path;
    });

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddGodwitSqlite($"Data Source={DatabasePath}");
        services.AddSingleton(keys);
        services.AddSingleton<IEmailSender>(Outbox);
        services.AddSingleton<ISmsSender>(Outbox);

        // GodwitApp: sessions and their JWTs.
        var sessionOptions = new SessionTokenOptions();
        services.AddSingleton(sessionOptions);
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton(provider => new SessionJwts(
            provider.GetRequiredService<SigningKeyRing>(), sessionOptions, provider.GetRequiredService<TimeProvider>(), Issuer, ProjectId));
        services.AddScoped<SessionLookup>();
        services.AddScoped<SessionService>();
        services.AddScoped<LoginAttempt>();
        services.AddScoped<SessionEvents>();
        services.AddScoped<PrimaryFactorLogin>();
        // No SessionAccessWriter: a test sees the access times still waiting to be written.
        services.AddSingleton<SessionAccessLog>();

        // AddGodwitEvents.
        services.AddScoped<Godwit.Core.Events.EventOrigin>();
        services.AddScoped<Godwit.Core.Events.EventLog>();

        // AddGodwitUsers.
        services.AddScoped<UserService>();
        services.AddSingleton(new Godwit.Core.Rbac.RbacPolicy(new Godwit.Core.Rbac.RbacOptions()));
        services.AddScoped<UserResolver>();
        services.AddScoped<PasswordlessRecipients>();
        services.AddSingleton(provider => new NewUserValidation(
            provider.GetRequiredService<PasswordOptions>().HashLimits, provider.GetRequiredService<TimeProvider>()));

        // AddGodwitBudgets and AddGodwitOneTimeSecrets, with the redirect URL the tests' links use.
        services.AddSingleton(new SendLimitOptions());
        services.AddScoped<OneTimeSecretIssuer>();
        services.AddSingleton(new MessageComposer(MessageTemplates.Compile(new MessageOptions(), AppContext.BaseDirectory).Templates!, new MessageOptions()));
        services.AddScoped<SendLimits>();
        services.AddSingleton(new RedirectUrlAllowlist([RedirectUrl], development: false));

        services.AddSingleton(new MagicLinkOptions { DefaultLoginUrl = RedirectUrl });
        services.AddScoped<MagicLinkService>();

        services.AddSingleton(new OtpOptions());
        services.AddScoped<OtpService>();

        // AddGodwitPasswords, with the cheapest Argon2id the options allow: the rules under test
        // are about time, not hashing cost, and the project must stay fast.
        services.AddSingleton(new PasswordOptions
        {
            ResetUrl = RedirectUrl,
            Hashing = new PasswordHashingOptions { MemoryKiB = PasswordHashingOptions.MinMemoryKiB, Iterations = 1 },
        });
        services.AddSingleton(provider => new DefaultPasswordHasher(provider.GetRequiredService<PasswordOptions>().Hashing));
        services.AddSingleton(provider => new PasswordStrengthChecker(provider.GetRequiredService<PasswordOptions>().Strength));
        services.AddSingleton<HashingGate>();
        services.AddSingleton<UnknownUserDecoy>();
        services.AddScoped<PasswordLogin>();
        services.AddScoped<PasswordResetLinks>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<PasswordService>();

        // AddGodwitLegacySystem with no legacy system configured, as by default.
        services.AddSingleton(new LegacySystemOptions());
        services.AddSingleton<ILegacyPasswordHook, NoLegacyPasswordHook>();
        services.AddScoped<LegacyPasswordLogin>();
        services.AddScoped<LegacyPasswordAuthority>();
        services.AddSingleton<ILegacyUserLookupHook, NoLegacyUserLookupHook>();
        services.AddScoped<LegacyUserLookup>();

        services.AddSingleton(new TotpOptions());
        services.AddScoped<TotpService>();
        services.AddScoped<TotpLogin>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static EncryptionKey NewEncryptionKey() =>
        EncryptionKey.TryParse(EncryptionKey.NewSetting(DateTimeOffset.UtcNow), out var problem) ?? throw new InvalidOperationException(problem);

    /// <summary>With no hook configured, LegacyUserLookup never calls it.</summary>
    private sealed class NoLegacyUserLookupHook : ILegacyUserLookupHook
    {
        public Task<LegacyVerdict> LookUpAsync(AddressKind kind, string normalizedAddress, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No legacy user lookup hook is configured.");
    }

    /// <summary>With no hook configured, LegacyPasswordLogin never calls it.</summary>
    private sealed class NoLegacyPasswordHook : ILegacyPasswordHook
    {
        public Task<LegacyVerdict> VerifyAsync(string normalizedEmail, string password, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No legacy password hook is configured.");
    }
}
