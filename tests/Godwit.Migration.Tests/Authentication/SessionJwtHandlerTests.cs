using System.Net;
using System.Net.Http.Headers;
using Godwit.Contracts.Sessions;
using Godwit.Migration.AspNetCore.Authentication;
using Godwit.Migration.Tests.Support;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Godwit.Migration.Tests.Authentication;

/// <summary>
/// The <c>Godwit</c> scheme and the cookie's tie to the Godwit session, with the application and
/// Godwit sharing one clock that the tests move.
/// </summary>
public sealed class SessionJwtHandlerTests(ClockedGodwit godwit) : IClassFixture<ClockedGodwit>
{
    private static readonly TimeSpan PastJwtLifetime = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_jwt_is_accepted_locally_without_asking_godwit_about_the_session()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock);
        using var client = TestClient.For(godwit.Host, clock: godwit.Clock);
        var login = await client.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());

        var first = await GetApiMeAsync(app, login.SessionJwt);
        var second = await GetApiMeAsync(app, login.SessionJwt);

        Assert.Equal((HttpStatusCode.OK, login.UserId), (first.StatusCode, await first.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["GET /v1/sessions/jwks/" + godwit.Host.ProjectId], app.GodwitCalls.Requests);
        Assert.False(first.Headers.Contains(GodwitAuthenticationDefaults.RefreshedJwtHeader));
    }

    [Fact]
    public async Task A_jwt_signed_by_a_rotated_key_fetches_the_jwks_again_and_is_accepted()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock);
        using var client = TestClient.For(godwit.Host, clock: godwit.Clock);
        var before = await client.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        Assert.Equal(HttpStatusCode.OK, (await GetApiMeAsync(app, before.SessionJwt)).StatusCode);

        // Past the two-minute rotation: Godwit's next key refresh (here, someone reading its JWKS) makes a new key.
        godwit.Clock.Advance(TimeSpan.FromMinutes(3));
        await godwit.Host.Anonymous.GetJsonAsync($"/v1/sessions/jwks/{godwit.Host.ProjectId}");
        // A new key signs once every Godwit process has had time to load it (a minute and a half).
        godwit.Clock.Advance(TimeSpan.FromSeconds(90));
        var after = await client.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        var response = await GetApiMeAsync(app, after.SessionJwt);

        Assert.NotEqual(new JsonWebToken(before.SessionJwt).Kid, new JsonWebToken(after.SessionJwt).Kid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, app.GodwitCalls.Count("GET /v1/sessions/jwks/"));
        Assert.Equal(0, app.GodwitCalls.Count("POST /v1/sessions/authenticate"));
    }

    [Fact]
    public async Task A_stale_jwt_is_exchanged_through_sessions_authenticate_for_a_fresh_one()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock);
        using var client = TestClient.For(godwit.Host, clock: godwit.Clock);
        var login = await client.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        godwit.Clock.Advance(PastJwtLifetime);

        var stale = await GetApiMeAsync(app, login.SessionJwt);
        var fresh = stale.Headers.GetValues(GodwitAuthenticationDefaults.RefreshedJwtHeader).Single();
        var withFresh = await GetApiMeAsync(app, fresh);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotEqual(login.SessionJwt, fresh);
        Assert.Equal(login.Session!.SessionId, (await client.Client.Sessions.AuthenticateJwtLocalAsync(fresh, cancellationToken: Cancel)).Session!.SessionId);
        Assert.Equal(HttpStatusCode.OK, withFresh.StatusCode);
        Assert.Equal(1, app.GodwitCalls.Count("POST /v1/sessions/authenticate"));
    }

    [Fact]
    public async Task A_revoked_session_is_refused_once_its_jwt_is_stale()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock);
        using var client = TestClient.For(godwit.Host, clock: godwit.Clock);
        var login = await client.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        await client.Client.Sessions.RevokeAsync(new RevokeSessionRequest { SessionId = login.Session!.SessionId }, Cancel);

        // Until then a JWT speaks for itself: that is the price of checking it without a call.
        var whileFresh = await GetApiMeAsync(app, login.SessionJwt);
        godwit.Clock.Advance(PastJwtLifetime);
        var onceStale = await GetApiMeAsync(app, login.SessionJwt);

        Assert.Equal(HttpStatusCode.OK, whileFresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, onceStale.StatusCode);
        Assert.Equal(1, app.GodwitCalls.Count("POST /v1/sessions/authenticate"));
    }

    [Fact]
    public async Task A_maximum_token_age_bounds_how_long_a_revoked_sessions_jwt_is_accepted()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock, configureJwt: options => options.MaxTokenAge = TimeSpan.FromSeconds(30));
        using var client = TestClient.For(godwit.Host, clock: godwit.Clock);
        var login = await client.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        await client.Client.Sessions.RevokeAsync(new RevokeSessionRequest { SessionId = login.Session!.SessionId }, Cancel);

        var young = await GetApiMeAsync(app, login.SessionJwt);
        godwit.Clock.Advance(TimeSpan.FromSeconds(30));
        var old = await GetApiMeAsync(app, login.SessionJwt);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (young.StatusCode, old.StatusCode));
    }

    [Fact]
    public async Task A_jwt_godwit_never_signed_is_refused()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock);
        var forged = ForgedJwts.Sign(godwit.Host.BaseUrl.ToString().TrimEnd('/'), godwit.Host.ProjectId, "user-live-" + Guid.NewGuid(), "session-live-" + Guid.NewGuid());

        var response = await GetApiMeAsync(app, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_jwt_is_challenged_with_401()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock);
        using var http = new HttpClient { BaseAddress = app.Url };

        var response = await http.GetAsync(new Uri("/api/me", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.GodwitCalls.Requests);
    }

    [Fact]
    public async Task The_cookie_gets_a_fresh_jwt_when_its_own_is_stale_and_stays_signed_in()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock);
        using var browser = app.Browser();
        await BrowserLogin.ByEmailCodeAsync(browser, godwit.Host, ApiCalls.UniqueEmail());

        var fresh = await browser.GetAsync(new Uri("/me", UriKind.Relative), Cancel);
        godwit.Clock.Advance(PastJwtLifetime);
        var stale = await browser.GetAsync(new Uri("/me", UriKind.Relative), Cancel);
        var renewed = await browser.GetAsync(new Uri("/me", UriKind.Relative), Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (fresh.StatusCode, stale.StatusCode, renewed.StatusCode));
        // Only the stale request asked Godwit about the session; the renewed cookie's JWT is checked locally.
        Assert.Equal(1, app.GodwitCalls.Count("POST /v1/sessions/authenticate"));
    }

    [Fact]
    public async Task The_cookie_of_a_revoked_session_is_signed_out_once_its_jwt_is_stale()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, clock: godwit.Clock);
        using var browser = app.Browser();
        using var client = TestClient.For(godwit.Host, clock: godwit.Clock);
        await BrowserLogin.ByEmailCodeAsync(browser, godwit.Host, ApiCalls.UniqueEmail());
        var godwitUserId = (await browser.GetStringAsync(new Uri("/me", UriKind.Relative), Cancel)).Split(' ')[1];
        var session = Assert.Single((await client.Client.Sessions.GetAsync(godwitUserId, Cancel)).Sessions);
        await client.Client.Sessions.RevokeAsync(new RevokeSessionRequest { SessionId = session.SessionId }, Cancel);

        godwit.Clock.Advance(PastJwtLifetime);
        var refused = await browser.GetAsync(new Uri("/me", UriKind.Relative), Cancel);
        var again = await browser.GetAsync(new Uri("/me", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(refused.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(".Godwit.Session=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        // Signed out for good: the second request has no cookie left to check.
        Assert.Equal(1, app.GodwitCalls.Count("POST /v1/sessions/authenticate"));
    }

    private static async Task<HttpResponseMessage> GetApiMeAsync(TestApp app, string jwt)
    {
        using var http = new HttpClient { BaseAddress = app.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/me", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await http.SendAsync(request, Cancel);
    }
}
