using Godwit.Client.Sessions;
using Godwit.Contracts.Sessions;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Client.Tests.Sessions;

public sealed class SessionsClientTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>, IDisposable
{
    private readonly TestClient test = TestClient.For(godwit.Host);

    private GodwitClient Client => test.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authenticate_by_token_returns_the_session_its_user_and_a_jwt()
    {
        var login = await Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());

        var answer = await Client.Sessions.AuthenticateAsync(new AuthenticateSessionRequest { SessionToken = login.SessionToken }, Cancel);

        Assert.Equal(login.Session!.SessionId, answer.Session.SessionId);
        Assert.Equal(login.UserId, answer.User.UserId);
        Assert.Equal(login.SessionToken, answer.SessionToken);
        Assert.NotEmpty(answer.SessionJwt);
    }

    [Fact]
    public async Task Get_lists_the_live_sessions_of_a_user()
    {
        var email = ApiCalls.UniqueEmail();
        var first = await Client.ByEmailCodeAsync(godwit.Host, email);
        var second = await Client.ByEmailCodeAsync(godwit.Host, email);

        var sessions = await Client.Sessions.GetAsync(first.UserId, Cancel);

        Assert.Equal(
            new[] { first.Session!.SessionId, second.Session!.SessionId }.Order(),
            sessions.Sessions.Select(s => s.SessionId).Order());
    }

    [Fact]
    public async Task A_revoked_session_no_longer_authenticates()
    {
        var login = await Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());

        await Client.Sessions.RevokeAsync(new RevokeSessionRequest { SessionId = login.Session!.SessionId }, Cancel);
        var error = await Assert.ThrowsAsync<GodwitApiException>(() =>
            Client.Sessions.AuthenticateAsync(new AuthenticateSessionRequest { SessionToken = login.SessionToken }, Cancel));

        Assert.Equal((404, "session_not_found"), (error.StatusCode, error.ErrorType));
    }

    [Fact]
    public async Task Revoking_without_naming_a_session_is_no_session_revoke_arguments()
    {
        var error = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Sessions.RevokeAsync(new RevokeSessionRequest(), Cancel));

        Assert.Equal((400, "no_session_revoke_arguments"), (error.StatusCode, error.ErrorType));
    }

    [Fact]
    public async Task The_jwks_publishes_the_key_that_signs_session_jwts()
    {
        var login = await Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());

        var jwks = await Client.Sessions.GetJwksAsync(Cancel);

        var kid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(login.SessionJwt).Kid;
        var key = Assert.Single(jwks.Keys, k => k.Kid == kid);
        Assert.Equal(("RSA", "RS256"), (key.Kty, key.Alg));
    }

    [Fact]
    public async Task A_fresh_jwt_is_valid_locally_and_only_the_jwks_is_fetched_once()
    {
        var login = await Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());

        var first = await Client.Sessions.AuthenticateJwtLocalAsync(login.SessionJwt, cancellationToken: Cancel);
        var second = await Client.Sessions.AuthenticateJwtAsync(login.SessionJwt, cancellationToken: Cancel);

        Assert.Equal(SessionJwtStatus.Valid, first.Status);
        Assert.Equal((login.Session!.SessionId, login.UserId), (first.Session!.SessionId, first.Session.UserId));
        Assert.Equal(login.Session.ExpiresAt, first.Session.ExpiresAt);
        Assert.Equal("otp", Assert.Single(first.Session.AuthenticationFactors).Type);
        Assert.False(second.Remote);
        Assert.Equal(login.SessionJwt, second.SessionJwt);
        Assert.Equal(1, test.Log.Count("GET /v1/sessions/jwks/"));
        Assert.Equal(0, test.Log.Count("POST /v1/sessions/authenticate"));
    }

    [Fact]
    public async Task An_expired_jwt_is_stale_locally_and_the_api_vouches_for_its_live_session()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var clocked = TestClient.For(godwit.Host, clock: clock);
        var login = await clocked.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var local = await clocked.Client.Sessions.AuthenticateJwtLocalAsync(login.SessionJwt, cancellationToken: Cancel);
        var remote = await clocked.Client.Sessions.AuthenticateJwtAsync(login.SessionJwt, cancellationToken: Cancel);

        Assert.Equal(SessionJwtStatus.Stale, local.Status);
        Assert.True(remote.Remote);
        Assert.Equal(login.Session!.SessionId, remote.Session.SessionId);
        Assert.Equal(1, clocked.Log.Count("POST /v1/sessions/authenticate"));
    }

    [Fact]
    public async Task A_jwt_one_second_before_expiry_is_valid_and_at_expiry_is_stale()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var clocked = TestClient.For(godwit.Host, clock: clock);
        var login = await clocked.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        var expires = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(login.SessionJwt).ValidTo;

        clock.SetUtcNow(new DateTimeOffset(expires.AddSeconds(-1), TimeSpan.Zero));
        var before = await clocked.Client.Sessions.AuthenticateJwtLocalAsync(login.SessionJwt, cancellationToken: Cancel);
        clock.SetUtcNow(new DateTimeOffset(expires, TimeSpan.Zero));
        var at = await clocked.Client.Sessions.AuthenticateJwtLocalAsync(login.SessionJwt, cancellationToken: Cancel);

        Assert.Equal((SessionJwtStatus.Valid, SessionJwtStatus.Stale), (before.Status, at.Status));
    }

    [Fact]
    public async Task A_jwt_older_than_the_maximum_age_is_stale_though_unexpired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var clocked = TestClient.For(godwit.Host, clock: clock);
        var login = await clocked.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        // From the JWT's own issue time, however long the login took on a busy machine.
        clock.SetUtcNow(new DateTimeOffset(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(login.SessionJwt).IssuedAt, TimeSpan.Zero) + TimeSpan.FromSeconds(61));

        var check = await clocked.Client.Sessions.AuthenticateJwtLocalAsync(login.SessionJwt, TimeSpan.FromMinutes(1), Cancel);

        Assert.Equal(SessionJwtStatus.Stale, check.Status);
    }

    [Fact]
    public async Task A_jwt_naming_an_unknown_key_refetches_the_jwks_at_most_once_per_cooldown()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var clocked = TestClient.For(godwit.Host, clock: clock);
        var login = await clocked.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        await clocked.Client.Sessions.AuthenticateJwtLocalAsync(login.SessionJwt, cancellationToken: Cancel);
        var forged = ForgedJwts.Sign(godwit.Host.BaseUrl.ToString().TrimEnd('/'), godwit.Host.ProjectId, login.UserId, login.Session!.SessionId);

        var withinCooldown = await clocked.Client.Sessions.AuthenticateJwtLocalAsync(forged, cancellationToken: Cancel);
        var fetchesWithinCooldown = clocked.Log.Count("GET /v1/sessions/jwks/");
        clock.Advance(TimeSpan.FromSeconds(30));
        var afterCooldown = await clocked.Client.Sessions.AuthenticateJwtLocalAsync(forged, cancellationToken: Cancel);
        var again = await clocked.Client.Sessions.AuthenticateJwtLocalAsync(forged, cancellationToken: Cancel);

        Assert.Equal(SessionJwtStatus.Invalid, withinCooldown.Status);
        Assert.Contains("jwk-live-forged", withinCooldown.Failure, StringComparison.Ordinal);
        Assert.Equal(1, fetchesWithinCooldown);
        Assert.Equal((SessionJwtStatus.Invalid, SessionJwtStatus.Invalid), (afterCooldown.Status, again.Status));
        Assert.Equal(2, clocked.Log.Count("GET /v1/sessions/jwks/"));
    }

    [Fact]
    public async Task A_forged_jwt_is_refused_as_the_api_would_without_being_sent_to_it()
    {
        var login = await Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        var forged = ForgedJwts.Sign(godwit.Host.BaseUrl.ToString().TrimEnd('/'), godwit.Host.ProjectId, login.UserId, login.Session!.SessionId);
        var sessionChecksBefore = test.Log.Count("POST /v1/sessions/authenticate");

        var refused = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Sessions.AuthenticateJwtAsync(forged, cancellationToken: Cancel));
        var garbage = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Sessions.AuthenticateJwtAsync("not.a.jwt", cancellationToken: Cancel));

        Assert.Equal((400, "unable_to_parse_session_jwt"), (refused.StatusCode, refused.ErrorType));
        Assert.Equal((400, "unable_to_parse_session_jwt"), (garbage.StatusCode, garbage.ErrorType));
        Assert.Equal("", refused.RequestId);
        Assert.Equal(sessionChecksBefore, test.Log.Count("POST /v1/sessions/authenticate"));
    }

    [Fact]
    public async Task A_jwt_issued_under_another_address_than_the_base_url_is_valid_only_with_that_issuer_configured()
    {
        var login = await Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());
        var otherAddress = new Uri($"http://localhost:{godwit.Host.BaseUrl.Port}/");
        using var plain = TestClient.For(otherAddress, godwit.Host.ProjectId, godwit.Host.Secret);
        using var configured = TestClient.For(otherAddress, godwit.Host.ProjectId, godwit.Host.Secret, options => options.JwtIssuer = godwit.Host.BaseUrl.ToString());

        var refused = await plain.Client.Sessions.AuthenticateJwtLocalAsync(login.SessionJwt, cancellationToken: Cancel);
        var accepted = await configured.Client.Sessions.AuthenticateJwtLocalAsync(login.SessionJwt, cancellationToken: Cancel);

        Assert.Equal(SessionJwtStatus.Invalid, refused.Status);
        Assert.Equal(SessionJwtStatus.Valid, accepted.Status);
    }

    public void Dispose() => test.Dispose();
}
