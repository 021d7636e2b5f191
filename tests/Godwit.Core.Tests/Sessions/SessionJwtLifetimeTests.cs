using System.Text.Json;
using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Core.Tests.Sessions;

/// <summary>How long a session JWT lives, and when SessionJwts hands out the same one again.</summary>
public sealed class SessionJwtLifetimeTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private SessionTokenOptions Options => core.Services.GetRequiredService<SessionTokenOptions>();

    [Fact]
    public async Task A_jwt_lives_for_the_jwt_lifetime_from_the_moment_it_is_signed()
    {
        var session = await core.StartSessionAsync(minutes: 60);

        var jwt = new JsonWebToken(session.SessionJwt);

        Assert.Equal(core.Now, jwt.IssuedAt);
        Assert.Equal(core.Now, jwt.ValidFrom);
        Assert.Equal(core.Now + Options.JwtLifetime, jwt.ValidTo);
    }

    [Fact]
    public async Task A_jwt_never_outlives_its_session()
    {
        var session = await core.StartSessionAsync(minutes: 60);
        core.Clock.Advance(TimeSpan.FromMinutes(60) - Options.JwtLifetime + TimeSpan.FromSeconds(1));

        var authenticated = await AuthenticateAsync(session.SessionToken);

        Assert.Equal(session.Session.ExpiresAt, new JsonWebToken(authenticated.Value.Issued.SessionJwt).ValidTo);
    }

    [Fact]
    public async Task An_unchanged_session_gets_the_same_jwt_until_the_reuse_window_ends()
    {
        var session = await core.StartSessionAsync(minutes: 60);
        var first = (await AuthenticateAsync(session.SessionToken)).Value.Issued.SessionJwt;

        core.Clock.Advance(Options.JwtReuseWindow - TimeSpan.FromSeconds(1));
        var reused = (await AuthenticateAsync(session.SessionToken)).Value.Issued.SessionJwt;
        Assert.Equal(first, reused);
        // A reused JWT always has time left.
        Assert.True(new JsonWebToken(reused).ValidTo > core.Now);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = (await AuthenticateAsync(session.SessionToken)).Value.Issued.SessionJwt;
        Assert.NotEqual(first, fresh);
        Assert.Equal(core.Now + Options.JwtLifetime, new JsonWebToken(fresh).ValidTo);
    }

    [Fact]
    public async Task A_changed_session_gets_a_fresh_jwt_within_the_reuse_window()
    {
        var session = await core.StartSessionAsync(minutes: 60);
        var first = (await AuthenticateAsync(session.SessionToken)).Value.Issued.SessionJwt;
        core.Clock.Advance(TimeSpan.FromSeconds(1));

        var extended = (await AuthenticateAsync(session.SessionToken, durationMinutes: 120)).Value.Issued.SessionJwt;

        Assert.NotEqual(first, extended);
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(extended).EncodedPayload));
        Assert.Equal(SessionJwts.Rfc3339(core.Now.AddMinutes(120)), payload.RootElement.GetProperty(SessionJwts.SessionClaim).GetProperty("expires_at").GetString());
    }

    private Task<Result<AuthenticatedSession>> AuthenticateAsync(string token, int? durationMinutes = null) =>
        core.CallAsync<SessionService, Result<AuthenticatedSession>>(sessions =>
            sessions.AuthenticateAsync(new SessionRequest(durationMinutes, token, null, null), None));
}
