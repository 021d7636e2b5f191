using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Webhooks;

/// <summary>Settings that make delivery quick to observe: a short poll and retries a fifth of a second apart.</summary>
internal static class WebhookSettings
{
    public static GodwitHostOptions Options { get; } = new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Godwit:Webhooks:PollInterval"] = "00:00:00.050",
            ["Godwit:Webhooks:RetryDelays:0"] = "00:00:00.200",
            ["Godwit:Webhooks:RetryDelays:1"] = "00:00:00.200",
        },
    };
}

/// <summary>One Godwit on SQLite with quick webhook retries, shared by a test class.</summary>
public sealed class WebhookSqliteGodwit : IAsyncLifetime
{
    public GodwitHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await GodwitHost.StartAsync(WebhookSettings.Options);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>One Godwit on PostgreSQL with quick webhook retries, shared by a test class.</summary>
public sealed class WebhookPostgresGodwit : IAsyncLifetime
{
    private GodwitHost? host;

    public GodwitHost Host => PostgresGodwit.Require(host);

    public async ValueTask InitializeAsync() => host = await PostgresGodwit.StartAsync(WebhookSettings.Options);

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
