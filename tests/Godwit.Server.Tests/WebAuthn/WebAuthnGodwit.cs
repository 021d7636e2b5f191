using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.WebAuthn;

/// <summary>
/// A Godwit on a fake clock whose one relying party is <c>localhost</c>, for pages on
/// <see cref="Origin"/>. Tests move the clock forward only and create their own users.
/// </summary>
public abstract class WebAuthnGodwit : IAsyncLifetime
{
    public const string Origin = "http://localhost:3000";

    private GodwitHost? host;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public GodwitHost Host => PostgresGodwit.Require(host);

    public async ValueTask InitializeAsync() => host = await StartAsync(new GodwitHostOptions
    {
        Clock = Clock,
        Settings = new Dictionary<string, string?>
        {
            ["Godwit:WebAuthn:RelyingPartyIds:0"] = "localhost",
            ["Godwit:WebAuthn:Origins:0"] = Origin,
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

    protected abstract Task<GodwitHost?> StartAsync(GodwitHostOptions options);
}

public sealed class WebAuthnSqliteGodwit : WebAuthnGodwit
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class WebAuthnPostgresGodwit : WebAuthnGodwit
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
