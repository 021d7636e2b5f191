using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Core.Tests.Sessions;

/// <summary>SessionLookup finds live sessions and leaves no trace: no last access written, no JWT signed.</summary>
public sealed class SessionLookupTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_session_is_found_by_token_and_by_jwt_until_one_second_before_its_end()
    {
        var session = await core.StartSessionAsync(minutes: 5);

        core.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(session.Session.SessionId, (await FindAsync(session.SessionToken, null)).Value.SessionId);
        Assert.Equal(session.Session.SessionId, (await FindAsync(null, session.SessionJwt)).Value.SessionId);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.SessionNotFound, (await FindAsync(session.SessionToken, null)).Error);
        Assert.Same(ErrorCatalog.SessionNotFound, (await FindAsync(null, session.SessionJwt)).Error);
    }

    [Fact]
    public async Task A_jwt_past_its_own_expiry_still_names_its_live_session()
    {
        var session = await core.StartSessionAsync(minutes: 60);
        var jwtLifetime = core.Services.GetRequiredService<SessionTokenOptions>().JwtLifetime;

        core.Clock.Advance(jwtLifetime + TimeSpan.FromSeconds(1));

        Assert.Equal(session.Session.SessionId, (await FindAsync(null, session.SessionJwt)).Value.SessionId);
    }

    [Fact]
    public async Task A_jwt_altered_in_any_part_is_refused_even_after_the_genuine_ones_were_read()
    {
        var first = await core.StartSessionAsync(minutes: 60);
        var second = await core.StartSessionAsync(minutes: 60);
        // Both genuine JWTs are verified once and remembered.
        Assert.Equal(first.Session.SessionId, (await FindAsync(null, first.SessionJwt)).Value.SessionId);
        Assert.Equal(second.Session.SessionId, (await FindAsync(null, second.SessionJwt)).Value.SessionId);
        var parts = first.SessionJwt.Split('.');

        var otherPayload = $"{parts[0]}.{second.SessionJwt.Split('.')[1]}.{parts[2]}";
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var otherSignature = $"{parts[0]}.{parts[1]}.{new string(signature)}";

        Assert.Same(ErrorCatalog.InvalidSessionJwt, (await FindAsync(null, otherPayload)).Error);
        Assert.Same(ErrorCatalog.InvalidSessionJwt, (await FindAsync(null, otherSignature)).Error);
        Assert.Equal(first.Session.SessionId, (await FindAsync(null, first.SessionJwt)).Value.SessionId);
    }

    [Fact]
    public async Task A_lookup_writes_no_last_access_however_long_since_the_last()
    {
        var session = await core.StartSessionAsync(minutes: 60);
        var accessLog = core.Services.GetRequiredService<SessionAccessLog>();
        accessLog.Drain();
        core.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.True((await FindAsync(session.SessionToken, null)).Succeeded);
        Assert.True((await FindAsync(null, session.SessionJwt)).Succeeded);

        Assert.Equal(session.Session.StartedAt, (await core.StoredSessionAsync(session.Session.SessionId))!.LastAccessedAt);
        Assert.DoesNotContain(accessLog.Drain(), access => access.SessionId == session.Session.SessionId);

        // The same moment, through SessionService, does count as use: the probe above can see one.
        await core.CallAsync<SessionService, Result<AuthenticatedSession>>(sessions =>
            sessions.AuthenticateAsync(new SessionRequest(null, session.SessionToken, null, null), None));
        Assert.Contains(accessLog.Drain(), access => access.SessionId == session.Session.SessionId);
    }

    [Fact]
    public async Task A_lookup_by_token_signs_nothing()
    {
        var session = await core.StartSessionAsync(minutes: 60);
        // A process that has loaded no signing key cannot sign a JWT; the lookup works without one.
        await using var other = core.BuildAnotherProcess();
        var ring = other.GetRequiredService<SigningKeyRing>();

        await using (var scope = other.CreateAsyncScope())
        {
            var found = await scope.ServiceProvider.GetRequiredService<SessionLookup>().FindAsync(session.SessionToken, null, None);
            Assert.Equal(session.Session.SessionId, found.Value.SessionId);
        }

        Assert.Throws<InvalidOperationException>(() => ring.SigningKey);

        // Authenticating the session does sign one, and needs the key loaded for it.
        await using (var scope = other.CreateAsyncScope())
        {
            var authenticated = await scope.ServiceProvider.GetRequiredService<SessionService>()
                .AuthenticateAsync(new SessionRequest(null, session.SessionToken, null, null), None);
            Assert.NotEmpty(authenticated.Value.Issued.SessionJwt);
        }

        Assert.NotNull(ring.SigningKey);
    }

    [Fact]
    public async Task A_token_and_a_jwt_together_or_neither_are_refused()
    {
        var session = await core.StartSessionAsync(minutes: 60);

        Assert.Same(ErrorCatalog.TooManySessionArguments, (await FindAsync(session.SessionToken, session.SessionJwt)).Error);
        Assert.Same(ErrorCatalog.MissingSessionIdentifier, (await FindAsync(null, null)).Error);
    }

    private Task<Result<Session>> FindAsync(string? token, string? jwt) =>
        core.CallAsync<SessionLookup, Result<Session>>(lookup => lookup.FindAsync(token, jwt, None));
}
