using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;
using Godwit.Testing;

namespace Godwit.Server.Tests.WebAuthn;

/// <summary>
/// A Chromium with a virtual authenticator and a Godwit on a fake clock whose relying parties are
/// <c>localhost</c> and <c>app.localhost</c>, for pages on the browser's first port only.
/// </summary>
public sealed class BrowserGodwit : IAsyncLifetime
{
    private ChromiumAuthenticator? browser;
    private GodwitHost? host;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    internal ChromiumAuthenticator Browser => browser ?? throw SkipException();

    public GodwitHost Host => host ?? throw SkipException();

    public async ValueTask InitializeAsync()
    {
        if (ChromiumAuthenticator.UnavailableReason() is not null)
        {
            return;
        }

        browser = await ChromiumAuthenticator.StartAsync();
        host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Clock = Clock,
            Settings = new Dictionary<string, string?>
            {
                ["Godwit:WebAuthn:RelyingPartyIds:0"] = "localhost",
                ["Godwit:WebAuthn:RelyingPartyIds:1"] = "app.localhost",
                ["Godwit:WebAuthn:Origins:0"] = browser.Origin,
                ["Godwit:WebAuthn:Origins:1"] = $"http://app.localhost:{browser.Port}",
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
    }

    private static Exception SkipException()
    {
        MissingTool.Skip(ChromiumAuthenticator.UnavailableReason() ?? "The browser did not start.");
        return new InvalidOperationException();
    }
}
