using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Sessions;

/// <summary>
/// A Godwit whose clock only moves when a test moves it, so expiry edges can be stepped on exactly.
/// Tests in one class run one after another, so each may move the shared clock forward. Fixtures
/// that need settings of their own derive from it and override <see cref="Settings"/>.
/// </summary>
public abstract class ClockedGodwit : IAsyncLifetime
{
    private GodwitHost? host;

    /// <summary>Starts at a whole second, so that instants on the wire (whole seconds) are exact.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public GodwitHost Host => PostgresGodwit.Require(host);

    public async ValueTask InitializeAsync() => host = await StartAsync(new GodwitHostOptions
    {
        Clock = Clock,
        Settings = new Dictionary<string, string?>(Settings),
    });

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Configuration the Godwit starts with, on top of the test host's defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>The started host, or null when its database is unavailable on this machine.</summary>
    protected abstract Task<GodwitHost?> StartAsync(GodwitHostOptions options);
}

public sealed class ClockedSqliteGodwit : ClockedGodwit
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class ClockedPostgresGodwit : ClockedGodwit
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
