using System.Globalization;
using Godwit.Cli.Hosting;
using Godwit.Core.Events;
using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Security;
using Godwit.Core.Users;
using Godwit.Import.Targets;
using Godwit.Server.Hosting;

namespace Godwit.Cli.Import;

/// <summary>Where an import writes: the configured database, a running Godwit, or a Stytch-compatible API.</summary>
internal sealed class ImportTargets : IAsyncDisposable
{
    private readonly IAsyncDisposable? owner;

    private ImportTargets(IBulkUserWriter writer, PasswordHashLimits limits, ProjectKeys? totpKeys, IAsyncDisposable? owner, EventLog? events = null, bool mintsTestIds = false)
    {
        MintsTestIds = mintsTestIds;
        Events = events;
        Writer = writer;
        HashLimits = limits;
        TotpKeys = totpKeys;
        this.owner = owner;
    }

    public IBulkUserWriter Writer { get; }

    /// <summary>Whether ids written here carry <c>-test-</c>: a Development database, as <c>godwit serve</c> writes them.</summary>
    public bool MintsTestIds { get; }

    /// <summary>The database's event log, for import.started and import.finished; null for the API targets, whose server records its own.</summary>
    public EventLog? Events { get; }

    /// <summary>The caps every hash is checked against before it is sent or written.</summary>
    public PasswordHashLimits HashLimits { get; }

    /// <summary>
    /// The keys imported TOTP secrets are sealed under: the configured encryption keys, or for a
    /// running Godwit keys of this run only, which its target opens to send the secret. Null for
    /// the Stytch target, whose create and migrate endpoints take no TOTP secrets.
    /// </summary>
    public ProjectKeys? TotpKeys { get; }

    /// <summary>The target the options name, or null (with the reason printed) when they name none usable.</summary>
    public static async Task<ImportTargets?> OpenAsync(IReadOnlyDictionary<string, string> settings, string[] configuration)
    {
        var kind = settings.GetValueOrDefault("target") ?? "database";
        if (kind == "database")
        {
            // The database `godwit serve` would use, migrated, and the caps it checks hashes against.
            var storage = await StorageHost.OpenAsync(configuration, CancellationToken.None);
            var passwords = storage.Configuration.GetSection(PasswordOptions.SectionName).Get<PasswordOptions>() ?? new PasswordOptions();
            if (passwords.Problem() is { } problem)
            {
                await storage.DisposeAsync();
                throw new ConfigurationProblemException(problem);
            }

            var scope = storage.Services.CreateAsyncScope();
            return new ImportTargets(
                scope.ServiceProvider.GetRequiredService<IBulkUserWriter>(), passwords.HashLimits, storage.Keys, new Owned(scope, storage), scope.ServiceProvider.GetRequiredService<EventLog>(),
                storage.Services.GetRequiredService<IHostEnvironment>().IsDevelopment());
        }

        if (kind is not ("godwit" or "stytch") || !Uri.TryCreate(settings.GetValueOrDefault("url"), UriKind.Absolute, out var url))
        {
            Console.Error.WriteLine("--target must be database, godwit or stytch; the API targets need --url <base URL>.");
            return null;
        }

        var projectId = settings.GetValueOrDefault("project-id") ?? Environment.GetEnvironmentVariable("GODWIT_IMPORT_PROJECT_ID");
        var secret = settings.GetValueOrDefault("secret") ?? Environment.GetEnvironmentVariable("GODWIT_IMPORT_SECRET");
        if (projectId is null || secret is null)
        {
            Console.Error.WriteLine("The API targets need --project-id and --secret (or GODWIT_IMPORT_PROJECT_ID and GODWIT_IMPORT_SECRET).");
            return null;
        }

        var http = ApiConnection.Create(url, projectId, secret, TimeSpan.FromSeconds(60));
        if (kind == "godwit")
        {
            var transitKeys = GodwitApiTarget.NewTransitKeys();
            return new ImportTargets(new GodwitApiTarget(http, transitKeys), new PasswordHashLimits(), transitKeys, new DisposableHttp(http));
        }

        var writer = new StytchApiTarget(
            http,
            settings.TryGetValue("rate", out var rate) ? int.Parse(rate, CultureInfo.InvariantCulture)
                : url.Host.EndsWith("stytch.com", StringComparison.OrdinalIgnoreCase) ? StytchApiTarget.StytchCloudRequestsPerSecond : 200,
            settings.TryGetValue("concurrency", out var concurrency) ? int.Parse(concurrency, CultureInfo.InvariantCulture) : 8);
        return new ImportTargets(writer, new PasswordHashLimits(), totpKeys: null, new DisposableHttp(http));
    }

    public async ValueTask DisposeAsync()
    {
        if (owner is not null)
        {
            await owner.DisposeAsync();
        }
    }

    private sealed class Owned(AsyncServiceScope scope, IAsyncDisposable storage) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await storage.DisposeAsync();
        }
    }

    private sealed class DisposableHttp(HttpClient http) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
