using Godwit.Testing.Hosting;

namespace Godwit.Client.Tests;

/// <summary>One real Godwit on a fresh SQLite file, shared by the test classes that ask for it.</summary>
public sealed class SqliteGodwit : IAsyncLifetime
{
    public GodwitHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await GodwitHost.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
