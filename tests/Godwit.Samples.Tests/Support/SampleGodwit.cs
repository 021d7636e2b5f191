using Godwit.Testing.Hosting;

namespace Godwit.Samples.Tests.Support;

/// <summary>One real Godwit, with a real SMTP server receiving its codes, shared by a class's tests (each uses its own addresses or app).</summary>
public sealed class SampleGodwit : IAsyncLifetime
{
    public GodwitHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await GodwitHost.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
