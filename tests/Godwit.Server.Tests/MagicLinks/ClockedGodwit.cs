using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>
/// One Godwit on a fake clock with low send limits, for tests of expiry edges and rate limits.
/// Tests move the clock forward only, and each uses its own addresses.
/// </summary>
public sealed class ClockedGodwit : IAsyncLifetime
{
    public const int MaxSendsPerMinute = 3;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public GodwitHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await GodwitHost.StartAsync(new GodwitHostOptions
    {
        Clock = Clock,
        Settings = new Dictionary<string, string?>
        {
            ["Godwit:MagicLinks:MaxSendsPerMinute"] = $"{MaxSendsPerMinute}",
            ["Godwit:Otps:MaxSendsPerMinute"] = $"{MaxSendsPerMinute}",
        },
    });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
