using System.Net;
using Godwit.Server.Tests.OAuth.Providers;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OAuth;

/// <summary>
/// A Godwit whose GitHub is a <see cref="ProviderStandIn"/> and whose Apple is an
/// <see cref="AppleStandIn"/>, on SQLite or PostgreSQL; the flow is walked over HTTP without a browser.
/// </summary>
public abstract class SocialOAuthGodwit : IAsyncLifetime
{
    public const string LoginUrl = "https://app.example.com/login";
    public const string SignupUrl = "https://app.example.com/signup";

    private GodwitHost? host;

    public GodwitHost Host => PostgresGodwit.Require(host);

    internal ProviderStandIn GitHub { get; private set; } = null!;

    internal AppleStandIn Apple { get; private set; } = null!;

    protected abstract bool Postgres { get; }

    public async ValueTask InitializeAsync()
    {
        if (Postgres && PostgresCluster.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        GitHub = await ProviderStandIn.StartAsync(errorsAsOk: true);
        GitHub.MapAuthorize("/login/oauth/authorize");
        Apple = await AppleStandIn.StartAsync();
        var port = FreePort.Next();
        var options = new GodwitHostOptions
        {
            Port = port,
            Settings = new Dictionary<string, string?>
            {
                ["Godwit:OAuth:PublicToken"] = OAuthGodwit.PublicToken,
                ["Godwit:OAuth:CallbackBaseUrl"] = $"http://127.0.0.1:{port}",
                ["Godwit:OAuth:Providers:github:ClientId"] = GitHub.ClientId,
                ["Godwit:OAuth:Providers:github:ClientSecret"] = GitHub.ClientSecret,
                ["Godwit:OAuth:Providers:github:AuthorizationEndpoint"] = GitHub.Url("/login/oauth/authorize"),
                ["Godwit:OAuth:Providers:github:TokenEndpoint"] = GitHub.Url("/token"),
                ["Godwit:OAuth:Providers:github:ApiBaseUrl"] = GitHub.Url("/api"),
                ["Godwit:OAuth:Providers:apple:ClientId"] = Apple.ClientId,
                ["Godwit:OAuth:Providers:apple:TeamId"] = AppleStandIn.TeamId,
                ["Godwit:OAuth:Providers:apple:KeyId"] = AppleStandIn.KeyId,
                ["Godwit:OAuth:Providers:apple:PrivateKey"] = Apple.TeamKeyPem,
                ["Godwit:OAuth:Providers:apple:DiscoveryUrl"] = Apple.Server.Url("/.well-known/openid-configuration"),
            },
        };
        host = Postgres ? await PostgresGodwit.StartAsync(options) : await GodwitHost.StartAsync(options);
    }

    public HttpClient NoRedirects() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };

    /// <summary>Godwit's start for <paramref name="provider"/>: where it sends the person, at the provider's authorize step.</summary>
    public async Task<Uri> StartAsync(HttpClient client, string provider)
    {
        var start = await client.GetAsync(
            new Uri(Host.BaseUrl, $"/v1/public/oauth/{provider}/start?public_token={OAuthGodwit.PublicToken}"
                + $"&login_redirect_url={Uri.EscapeDataString(LoginUrl)}&signup_redirect_url={Uri.EscapeDataString(SignupUrl)}"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        return start.Headers.Location!;
    }

    public Task<ApiAnswer> AuthenticateAsync(string? token) =>
        Host.Client.PostAsync("/v1/oauth/authenticate", new { token, session_duration_minutes = 60 });

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (GitHub is not null)
        {
            await GitHub.DisposeAsync();
        }

        if (Apple is not null)
        {
            await Apple.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSocialOAuthGodwit : SocialOAuthGodwit
{
    protected override bool Postgres => false;
}

public sealed class PostgresSocialOAuthGodwit : SocialOAuthGodwit
{
    protected override bool Postgres => true;
}
