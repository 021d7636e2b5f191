using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>
/// One Godwit on a fake clock with low send limits, for tests of expiry edges and rate limits.
/// Tests move the clock forward only, and each uses its own addresses.
/// </summary>
public abstract class SendLimitGodwit : IAsyncLifetime
{
    public const int MaxSendsPerMinute = 3;

    private GodwitHost? host;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public GodwitHost Host => PostgresGodwit.Require(host);

    public async ValueTask InitializeAsync() => host = await StartAsync(new GodwitHostOptions
    {
        Clock = Clock,
        Settings = new Dictionary<string, string?>
        {
            ["Godwit:MagicLinks:MaxSendsPerMinute"] = $"{MaxSendsPerMinute}",
            ["Godwit:Otps:MaxSendsPerMinute"] = $"{MaxSendsPerMinute}",
        },
    });

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The started host, or null when its database is unavailable on this machine.</summary>
    protected abstract Task<GodwitHost?> StartAsync(GodwitHostOptions options);
}

public sealed class SendLimitSqliteGodwit : SendLimitGodwit
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class SendLimitPostgresGodwit : SendLimitGodwit
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
