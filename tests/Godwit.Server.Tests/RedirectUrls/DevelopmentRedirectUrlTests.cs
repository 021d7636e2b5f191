using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.RedirectUrls;

/// <summary>A Godwit in Development with Godwit:RedirectUrls empty and a loopback default login URL.</summary>
public sealed class DevelopmentGodwit : IAsyncLifetime
{
    public GodwitHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await GodwitHost.StartAsync(new GodwitHostOptions
    {
        Environment = "Development",
        RedirectUrls = [],
        Settings = new Dictionary<string, string?> { ["Godwit:MagicLinks:DefaultLoginUrl"] = "http://localhost:3000/authenticate" },
    });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>In Development with Godwit:RedirectUrls empty, links may point at loopback URLs and nowhere else.</summary>
public sealed class DevelopmentRedirectUrlTests(DevelopmentGodwit godwit) : IClassFixture<DevelopmentGodwit>
{
    private GodwitHost Host => godwit.Host;

    [Theory]
    [InlineData("http://localhost:5173/auth/callback")]
    [InlineData("http://127.0.0.1:8080/authenticate?next=%2F")]
    [InlineData("http://[::1]:3000/authenticate")]
    public async Task A_loopback_url_on_any_port_and_path_is_accepted(string url)
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Host.Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, login_magic_link_url = url, signup_magic_link_url = url });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains(url, (await Host.EmailAsync(email)).TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://app.example.com/authenticate")]
    [InlineData("http://192.168.1.20:3000/authenticate")]
    [InlineData("http://localhost.evil.test:3000/authenticate")]
    public async Task Any_other_url_is_refused_and_sends_nothing(string url)
    {
        var email = ApiCalls.UniqueEmail();

        var refused = await Host.Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, signup_magic_link_url = url });
        var witness = ApiCalls.UniqueEmail("witness");
        await Host.Client.PostAsync("/v1/magic_links/email/login_or_create", new { email = witness });
        await Host.EmailAsync(witness);

        Assert.Equal((HttpStatusCode.BadRequest, "no_match_for_provided_magic_link_url"), (refused.Status, refused.ErrorType));
        Assert.Equal(0, Host.EmailsTo(email));
    }
}
