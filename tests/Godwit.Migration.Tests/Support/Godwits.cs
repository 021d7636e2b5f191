using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Migration.Tests.Support;

/// <summary>One real Godwit on a fresh SQLite file, shared by the test classes that ask for it.</summary>
public sealed class SqliteGodwit : IAsyncLifetime
{
    public GodwitHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await GodwitHost.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// A Godwit whose clock moves only when a test moves it, and which rotates its signing key every two
/// minutes. The application under test shares the clock, so JWT expiry is the same instant to both.
/// Tests of one class run one after another, each moving the clock forward.
/// </summary>
public sealed class ClockedGodwit : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public GodwitHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await GodwitHost.StartAsync(new GodwitHostOptions
    {
        Clock = Clock,
        Settings = new Dictionary<string, string?> { ["Godwit:Sessions:SigningKeyRotation"] = "00:02:00" },
    });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
