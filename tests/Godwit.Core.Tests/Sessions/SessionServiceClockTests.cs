using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Core.Tests.Sessions;

/// <summary>When SessionService lets a session in, and how session_duration_minutes moves its end.</summary>
public sealed class SessionServiceClockTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_session_authenticates_until_one_second_before_its_end_and_not_at_or_after_it()
    {
        var session = await core.StartSessionAsync(minutes: 5);

        core.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(session.SessionToken)).Succeeded);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.SessionNotFound, (await AuthenticateAsync(session.SessionToken)).Error);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.SessionNotFound, (await AuthenticateAsync(session.SessionToken)).Error);
    }

    [Fact]
    public async Task Authenticating_with_a_duration_moves_the_end_to_that_many_minutes_from_now()
    {
        var session = await core.StartSessionAsync(minutes: 10);
        core.Clock.Advance(TimeSpan.FromMinutes(3));
        var extendedAt = core.Now;

        var extended = await AuthenticateAsync(session.SessionToken, durationMinutes: 60);

        Assert.Equal(extendedAt.AddMinutes(60), extended.Value.Issued.Session.ExpiresAt);
        Assert.Equal(extendedAt.AddMinutes(60), (await core.StoredSessionAsync(session.Session.SessionId))!.ExpiresAt);

        // Past the first end, short of the new one: still in.
        core.Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(session.SessionToken)).Succeeded);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.SessionNotFound, (await AuthenticateAsync(session.SessionToken)).Error);
    }

    [Fact]
    public async Task Authenticating_without_a_duration_leaves_the_end_where_it_was()
    {
        var session = await core.StartSessionAsync(minutes: 5);
        core.Clock.Advance(TimeSpan.FromMinutes(4));

        var checkedSession = await AuthenticateAsync(session.SessionToken);

        Assert.Equal(session.Session.ExpiresAt, checkedSession.Value.Issued.Session.ExpiresAt);
        core.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Same(ErrorCatalog.SessionNotFound, (await AuthenticateAsync(session.SessionToken)).Error);
    }

    [Fact]
    public async Task Last_access_is_recorded_once_a_full_resolution_has_passed_and_not_before()
    {
        var session = await core.StartSessionAsync(minutes: 60);
        var resolution = core.Services.GetRequiredService<SessionTokenOptions>().LastAccessedResolution;
        var accessLog = core.Services.GetRequiredService<SessionAccessLog>();

        core.Clock.Advance(resolution - TimeSpan.FromSeconds(1));
        var early = await AuthenticateAsync(session.SessionToken);
        Assert.Equal(session.Session.StartedAt, early.Value.Issued.Session.LastAccessedAt);
        Assert.DoesNotContain(accessLog.Drain(), access => access.SessionId == session.Session.SessionId);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await AuthenticateAsync(session.SessionToken);
        Assert.Equal(core.Now, due.Value.Issued.Session.LastAccessedAt);
        // A check that changes nothing else stays a read: the time waits in the log for the batch writer.
        Assert.Contains(new SessionAccess(session.Session.SessionId, core.Now), accessLog.Drain());
        Assert.Equal(session.Session.StartedAt, (await core.StoredSessionAsync(session.Session.SessionId))!.LastAccessedAt);
    }

    [Fact]
    public async Task An_extension_writes_the_last_access_with_the_new_end()
    {
        var session = await core.StartSessionAsync(minutes: 60);
        core.Clock.Advance(TimeSpan.FromMinutes(2));

        await AuthenticateAsync(session.SessionToken, durationMinutes: 30);

        var stored = (await core.StoredSessionAsync(session.Session.SessionId))!;
        Assert.Equal(core.Now, stored.LastAccessedAt);
        Assert.Equal(core.Now.AddMinutes(30), stored.ExpiresAt);
    }

    [Fact]
    public async Task A_factor_joins_a_session_only_while_it_is_live()
    {
        var user = await core.CreateAsync();
        var session = await core.StartSessionAsync(minutes: 5, user);
        core.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        Assert.True((await AddFactorAsync(user, session.SessionToken)).Succeeded);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.SessionNotFound, (await AddFactorAsync(user, session.SessionToken)).Error);
    }

    private Task<Result<AuthenticatedSession>> AuthenticateAsync(string token, int? durationMinutes = null) =>
        core.CallAsync<SessionService, Result<AuthenticatedSession>>(sessions =>
            sessions.AuthenticateAsync(new SessionRequest(durationMinutes, token, null, null), None));

    private Task<Result<IssuedSession?>> AddFactorAsync(Core.Users.User user, string token)
    {
        var now = core.Now;
        var factor = new AuthenticationFactor("otp", "email", now, now, EmailFactor: new EmailFactor(user.Emails[0].EmailId, user.Emails[0].Address));
        return core.CallAsync<SessionService, Result<IssuedSession?>>(sessions =>
            sessions.RecordFactorAsync(user, factor, new SessionRequest(null, token, null, null), None));
    }
}
