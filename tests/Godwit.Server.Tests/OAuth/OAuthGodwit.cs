using Godwit.Testing;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.OAuth;

/// <summary>
/// A Godwit whose Google (by its DiscoveryUrl override) and generic provider <c>acme</c> are the
/// loopback OpenID provider of <see cref="OidcStandIn"/>, on SQLite or PostgreSQL.
/// </summary>
public abstract class OAuthGodwit : IAsyncLifetime
{
    public const string PublicToken = "public-token-live-6a0d3c1e-2f5b-4c8e-9d7a-1b2c3d4e5f60";

    private GodwitHost? host;
    private OidcStandIn? provider;

    public GodwitHost Host => PostgresGodwit.Require(host);

    internal OidcStandIn Provider => provider!;

    protected abstract bool Postgres { get; }

    public async ValueTask InitializeAsync()
    {
        if (Postgres && PostgresCluster.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        provider = await OidcStandIn.StartAsync(baseUrl);
        var options = new GodwitHostOptions
        {
            Port = port,
            RedirectUrls = [.. GodwitHostOptions.TestRedirectUrls, $"{provider.AppOrigin}/login", $"{provider.AppOrigin}/signup"],
            Settings = Settings(provider, baseUrl),
        };
        host = Postgres ? await PostgresGodwit.StartAsync(options) : await GodwitHost.StartAsync(options);
    }

    internal static Dictionary<string, string?> Settings(OidcStandIn provider, string baseUrl) => new()
    {
        ["Godwit:OAuth:PublicToken"] = PublicToken,
        ["Godwit:OAuth:CallbackBaseUrl"] = baseUrl,
        ["Godwit:OAuth:Providers:google:DiscoveryUrl"] = provider.DiscoveryUrl,
        ["Godwit:OAuth:Providers:google:ClientId"] = "godwit-google",
        ["Godwit:OAuth:Providers:google:ClientSecret"] = "google-secret-for-tests",
        ["Godwit:OAuth:Oidc:acme:DiscoveryUrl"] = provider.DiscoveryUrl,
        ["Godwit:OAuth:Oidc:acme:ClientId"] = "godwit-acme",
        ["Godwit:OAuth:Oidc:acme:ClientSecret"] = "acme-secret-for-tests",
    };

    /// <summary>The start URL the application's page links to.</summary>
    public string StartUrl(string provider = "google", string? extra = null) =>
        $"{Host.BaseUrl.ToString().TrimEnd('/')}/v1/public/oauth/{provider}/start?public_token={PublicToken}"
        + $"&login_redirect_url={Uri.EscapeDataString(Provider.AppOrigin + "/login")}&signup_redirect_url={Uri.EscapeDataString(Provider.AppOrigin + "/signup")}"
        + (extra is null ? "" : "&" + extra);

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteOAuthGodwit : OAuthGodwit
{
    protected override bool Postgres => false;
}

public sealed class PostgresOAuthGodwit : OAuthGodwit
{
    protected override bool Postgres => true;
}
