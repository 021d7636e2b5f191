using Godwit.Core.Migration;
using Godwit.Core.Security;
using Microsoft.AspNetCore.Hosting;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server.Admin;
using Godwit.Server.Biometrics;
using Godwit.Server.Delivery;
using Godwit.Server.Events;
using Godwit.Server.Health;
using Godwit.Server.Impersonation;
using Godwit.Server.Hosting;
using Godwit.Server.Http;
using Godwit.Server.MagicLinks;
using Godwit.Server.Migration;
using Godwit.Server.OAuth;
using Godwit.Server.Legacy;
using Godwit.Server.OneTimeSecrets;
using Godwit.Server.OpenApi;
using Godwit.Server.Otps;
using Godwit.Server.Passwords;
using Godwit.Server.RateLimiting;
using Godwit.Server.Rbac;
using Godwit.Server.Security;
using Godwit.Server.Sessions;
using Godwit.Server.Telemetry;
using Godwit.Server.Totps;
using Godwit.Server.Users;
using Godwit.Server.WebAuthn;
using Godwit.Server.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Godwit.Server;

/// <summary>
/// The Godwit HTTP server as a library: <c>godwit serve</c>, the tests and the benchmarks all
/// build the same application here.
/// </summary>
public static class GodwitApp
{
    /// <summary>Largest request body accepted; Stytch's requests are small JSON objects.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Options are bound once at startup, so watching appsettings.json for changes buys nothing, and
        // the watcher covers the content root recursively: with the data folder inside it, every SQLite
        // write woke it (an inotify event each), a measurable share of CPU under load.
        var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        // Quiet by default; unexpected save failures still reach ApiErrorMiddleware's log.
        GodwitSettings.QuietDatabaseLogs(builder.Logging);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);
        IdEnvironment.ApplyTo(builder.Environment);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        var sessionOptions = builder.Configuration.GetSection("Godwit:Sessions").Get<SessionTokenOptions>() ?? new SessionTokenOptions();
        var settings = GodwitSettings.Resolve(builder.Configuration, builder.Environment);
        var resolved = settings.Resolved;

        var services = builder.Services;
        services.AddSingleton(resolved);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new ProjectKeys(settings.Keys));
        services.AddSingleton(new ProjectAuthentication(resolved.ProjectId, resolved.Secret));
        services.AddSingleton(sessionOptions);
        services.AddSingleton(ErrorReference.From(builder.Configuration, resolved.Issuer));
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton(provider => new SessionJwts(
            provider.GetRequiredService<SigningKeyRing>(), sessionOptions, provider.GetRequiredService<TimeProvider>(), resolved.Issuer, resolved.ProjectId));
        services.AddGodwitEvents(builder.Configuration);
        services.AddGodwitUsers();
        services.AddScoped<SessionLookup>();
        services.AddScoped<SessionService>();
        services.AddScoped<LoginAttempt>();
        services.AddScoped<SessionEvents>();
        services.AddScoped<MigrationOutcomes>();
        services.AddScoped<PrimaryFactorLogin>();
        services.AddSingleton<SessionAccessLog>();
        services.AddHostedService<SessionAccessWriter>();
        services.AddHostedService<SessionPruner>();
        services.AddGodwitBudgets(builder.Configuration);
        services.AddGodwitOneTimeSecrets(builder.Configuration, builder.Environment);
        services.AddGodwitMagicLinks(builder.Configuration);
        services.AddGodwitOtps(builder.Configuration);
        services.AddGodwitPasswords(builder.Configuration);
        services.AddGodwitWebAuthn(builder.Configuration);
        services.AddGodwitBiometrics(builder.Configuration);
        services.AddGodwitLegacySystem(builder.Configuration);
        services.AddGodwitTotps(builder.Configuration);
        services.AddGodwitRbac(builder.Configuration);
        services.AddGodwitImpersonation(builder.Configuration);
        services.AddGodwitOAuth(builder.Configuration, builder.Environment, settings.Project.DataFolder);
        services.AddGodwitDelivery(builder.Configuration, builder.Environment, settings.Project.DataFolder);
        services.AddGodwitRateLimits(builder.Configuration);
        services.AddGodwitTelemetry(builder.Configuration);
        services.AddGodwitReadinessChecks();
        services.AddGodwitWebhooks(builder.Configuration);
        services.AddGodwitOpenApi(builder.Configuration);
        services.AddGodwitAdmin(builder.Configuration, builder.Environment);
        var migrate = settings.AddDatabase(services);
        services.AddSingleton(new StartupTasks(migrate));

        var app = builder.Build();
        app.UseIdEnvironment();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseGodwitTelemetry();
        app.UseMiddleware<QueryStringGuard>();
        app.UseGodwitRateLimits();
        app.MapHealth();
        app.MapJwks();
        app.MapErrorReference();
        var v1 = ProjectAuthentication.RequireProject(app.MapGroup("/v1")).RecordEventsAsProject();
        v1.MapUserApi();
        v1.MapUserImport();
        v1.MapSessionApi();
        v1.MapMagicLinkApi();
        v1.MapOtpApi();
        v1.MapPasswordApi();
        v1.MapWebAuthnApi();
        v1.MapBiometricApi();
        v1.MapSessionMigrationApi();
        v1.MapTotpApi();
        v1.MapRbacApi();
        v1.MapImpersonationApi();
        v1.MapEventApi();
        v1.MapWebhookApi();
        v1.MapMigrationOutcomeApi();
        app.MapGodwitOAuth(v1);
        app.MapApiReference();
        app.MapGodwitAdmin();
        return app;
    }

    /// <summary>Applies migrations and loads (or creates) the JWT signing keys before serving.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await MigrateAsync(app, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        await app.Services.GetRequiredService<SigningKeyRing>().RefreshAsync(scope.ServiceProvider.GetRequiredService<ISigningKeyStore>(), cancellationToken);
    }

    /// <summary>Applies migrations only, for commands that work on the stored data without serving.</summary>
    public static Task MigrateAsync(WebApplication app, CancellationToken cancellationToken = default) =>
        app.Services.GetRequiredService<StartupTasks>().Migrate(app.Services, cancellationToken);

    private sealed record StartupTasks(Func<IServiceProvider, CancellationToken, Task> Migrate);
}
