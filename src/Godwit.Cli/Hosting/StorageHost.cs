using Godwit.Core.Security;
using Godwit.Server.Hosting;

namespace Godwit.Cli.Hosting;

/// <summary>
/// The database and the project's keys for commands that work on stored data (<c>godwit import</c>,
/// <c>godwit keys reseal</c>), without the HTTP application: the configuration <c>godwit serve</c>
/// reads, settled by the same <see cref="GodwitSettings"/> (so the same keys, data folder, generated
/// Development credentials and refusals), the storage provider's registration, and the schema
/// migrated before first use, as serve does at startup.
/// </summary>
internal sealed class StorageHost : IAsyncDisposable
{
    private readonly IHost host;

    private StorageHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public IConfiguration Configuration => host.Services.GetRequiredService<IConfiguration>();

    public ProjectKeys Keys => host.Services.GetRequiredService<ProjectKeys>();

    /// <summary>Opens the configured database, migrating it first; throws <see cref="ConfigurationProblemException"/> for a setting to fix.</summary>
    public static async Task<StorageHost> OpenAsync(string[] configuration, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(configuration);
        var settings = GodwitSettings.Resolve(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(new ProjectKeys(settings.Keys));
        var migrate = settings.AddDatabase(builder.Services);
        var host = builder.Build();
        try
        {
            await migrate(host.Services, cancellationToken);
        }
        catch
        {
            await new StorageHost(host).DisposeAsync();
            throw;
        }

        return new StorageHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    /// <summary>
    /// The configuration sources of <c>godwit serve</c> (<c>WebApplication.CreateSlimBuilder</c>), in
    /// its order: <c>ASPNETCORE_</c> and <c>DOTNET_</c> variables for the host (the environment name
    /// among them), appsettings.json and appsettings.{Environment}.json, environment variables, the
    /// command line; and its console logging, as quiet about the database.
    /// </summary>
    private static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var hostSettings = new ConfigurationManager();
        hostSettings.AddEnvironmentVariables(prefix: "ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // As serve: settings are read once, so watching the files for changes buys nothing.
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            Configuration = hostSettings,
        });
        builder.Logging.ClearProviders().AddConsole();
        GodwitSettings.QuietDatabaseLogs(builder.Logging);
        return builder;
    }
}
