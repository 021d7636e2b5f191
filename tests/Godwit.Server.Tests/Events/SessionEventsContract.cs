using System.Net;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server.Sessions;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Server.Tests.Sessions;
using Godwit.Server.Tests.Totps;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Godwit.Server.Tests.Events;

/// <summary>
/// Sessions, logins and MFA in the event log, over HTTP on every database: each login's success
/// and failure is exactly one event of the right factor and reason, and no secret is ever in one.
/// </summary>
public abstract class SessionEventsContract
{
    private const string Password = "correct horse battery staple 42!";

    protected abstract ClockedGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_password_login_records_its_success_and_the_session_and_a_wrong_password_its_failure()
    {
        var (userId, email) = await UserWithPasswordAsync();

        var wrong = await Client.PostAsync("/v1/passwords/authenticate", new { email, password = Password + "x", session_duration_minutes = 60 });
        var right = await Client.PostAsync("/v1/passwords/authenticate", new { email, password = Password, session_duration_minutes = 60 });

        Assert.Equal("unauthorized_credentials", wrong.ErrorType);
        var failed = await Godwit.Host.SingleEventAsync(userId, EventTypes.LoginFailed);
        Assert.Equal(("password", "unauthorized_credentials"), (failed.Field("factor"), failed.Field("reason")));
        var succeeded = await Godwit.Host.SingleEventAsync(userId, EventTypes.LoginSucceeded);
        var sessionId = right.Body.GetProperty("session").GetProperty("session_id").GetString();
        Assert.Equal(("password", "knowledge", sessionId), (succeeded.Field("factor"), succeeded.Field("delivery_method"), succeeded.Field("session_id")));
        var created = (await Godwit.Host.EventsAsync(userId, EventTypes.SessionCreated)).Single(e => e.Field("session_id") == sessionId);
        var payload = SessionEventsSupport.PayloadOf(created);
        Assert.Equal(["knowledge"], payload.GetProperty("factors").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(Godwit.Clock.GetUtcNow().AddMinutes(60).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), created.Field("expires_at"));
        Assert.Equal((EventActor.ApiKeyType, Godwit.Host.ProjectId), (created.ActorType, created.ActorId));
        await AssertNoSecretsAsync(Password, right.Text("session_token"), right.Text("session_jwt"));
    }

    [Fact]
    public async Task A_login_that_asks_for_no_session_is_still_a_success_and_starts_no_session()
    {
        var email = ApiCalls.UniqueEmail("events");
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        var userId = sent.Text("user_id");
        var code = await Godwit.Host.EmailCodeAsync(email);

        var answer = await Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var succeeded = await Godwit.Host.SingleEventAsync(userId, EventTypes.LoginSucceeded);
        Assert.Equal(("otp", "email"), (succeeded.Field("factor"), succeeded.Field("delivery_method")));
        Assert.Null(succeeded.Field("session_id"));
        Assert.Empty(await Godwit.Host.EventsAsync(userId, EventTypes.SessionCreated));
    }

    [Fact]
    public async Task Every_refused_password_up_to_and_past_the_lock_is_one_failure_with_the_error_answered()
    {
        var (userId, email) = await UserWithPasswordAsync();
        var answered = new List<string>();
        for (var attempt = 0; attempt < 11; attempt++)
        {
            answered.Add((await Client.PostAsync("/v1/passwords/authenticate", new { email, password = "wrong password " + attempt })).ErrorType);
        }

        Assert.Equal("user_lock_limit_reached", answered[^1]);
        var failed = await Godwit.Host.EventsAsync(userId, EventTypes.LoginFailed);
        Assert.Equal(answered.Order(), failed.Select(e => e.Field("reason")!).Order());
        Assert.All(failed, e => Assert.Equal("password", e.Field("factor")));
    }

    [Fact]
    public async Task An_email_passcode_login_and_a_wrong_code_are_one_event_each()
    {
        var email = ApiCalls.UniqueEmail("events");
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        var userId = sent.Text("user_id");
        var code = await Godwit.Host.EmailCodeAsync(email);

        var wrong = await Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code = code == "000000" ? "111111" : "000000" });
        var right = await Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code, session_duration_minutes = 30 });

        Assert.Equal("otp_code_not_found", wrong.ErrorType);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        var failed = await Godwit.Host.SingleEventAsync(userId, EventTypes.LoginFailed);
        Assert.Equal(("otp", "otp_code_not_found"), (failed.Field("factor"), failed.Field("reason")));
        var succeeded = await Godwit.Host.SingleEventAsync(userId, EventTypes.LoginSucceeded);
        Assert.Equal(("otp", "email"), (succeeded.Field("factor"), succeeded.Field("delivery_method")));
        Assert.Single(await Godwit.Host.EventsAsync(userId, EventTypes.SessionCreated));
        await AssertNoSecretsAsync(code, right.Text("session_token"), right.Text("session_jwt"));
    }

    [Fact]
    public async Task A_magic_link_login_succeeds_once_and_its_reuse_is_a_failure_naming_the_user()
    {
        var email = ApiCalls.UniqueEmail("events");
        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        var userId = sent.Text("user_id");
        var token = await Godwit.Host.LinkTokenAsync(email);

        var first = await Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 30 });
        var again = await Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 30 });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("unable_to_auth_magic_link", again.ErrorType);
        var succeeded = await Godwit.Host.SingleEventAsync(userId, EventTypes.LoginSucceeded);
        Assert.Equal(("magic_link", "email"), (succeeded.Field("factor"), succeeded.Field("delivery_method")));
        var failed = await Godwit.Host.SingleEventAsync(userId, EventTypes.LoginFailed);
        Assert.Equal(("magic_link", "unable_to_auth_magic_link"), (failed.Field("factor"), failed.Field("reason")));
        await AssertNoSecretsAsync(token, first.Text("session_token"), first.Text("session_jwt"));
    }

    [Fact]
    public async Task A_totp_is_enrolled_by_its_first_code_a_wrong_code_fails_and_deleting_it_removes_it()
    {
        var (user, totp) = await TotpUsers.EnrolAsync(Godwit.Host, Godwit.Clock);

        var wrong = await Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = "000000" });
        var deleted = await Client.DeleteJsonAsync($"/v1/users/totps/{totp.TotpId}");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        var enrolled = await Godwit.Host.SingleEventAsync(user.UserId, EventTypes.MfaEnrolled);
        Assert.Equal(("totp", totp.TotpId), (enrolled.Field("factor"), enrolled.Field("id")));
        var removed = await Godwit.Host.SingleEventAsync(user.UserId, EventTypes.MfaRemoved);
        Assert.Equal(("totp", totp.TotpId), (removed.Field("factor"), removed.Field("id")));
        var totpLogins = (await Godwit.Host.EventsAsync(user.UserId)).Where(e => e.Field("factor") == "totp" && e.Type.StartsWith("login.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, totpLogins.Count);
        Assert.Equal(wrong.ErrorType, Assert.Single(totpLogins, e => e.Type == EventTypes.LoginFailed).Field("reason"));
        await AssertNoSecretsAsync([totp.Secret, user.SessionToken, user.SessionJwt, .. totp.RecoveryCodes]);
    }

    [Fact]
    public async Task A_revoked_session_is_recorded_with_its_id()
    {
        var started = await TestSessions.StartAsync(Godwit.Host);

        var revoked = await Client.PostAsync("/v1/sessions/revoke", new { session_token = started.Token });
        var again = await Client.PostAsync("/v1/sessions/revoke", new { session_id = started.SessionId });

        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal("session_not_found", again.ErrorType);
        var recorded = await Godwit.Host.SingleEventAsync(started.UserId, EventTypes.SessionRevoked);
        Assert.Equal(started.SessionId, recorded.Field("session_id"));
        await AssertNoSecretsAsync(started.Token, started.Jwt);
    }

    [Fact]
    public async Task The_first_proof_of_an_address_revokes_earlier_sessions_one_event_each()
    {
        var email = ApiCalls.UniqueEmail("events");
        var userId = await Users.TestUsers.CreateIdAsync(Client, new { email });
        var earlier = new[] { await TestSessions.StartForAsync(Godwit.Host, userId), await TestSessions.StartForAsync(Godwit.Host, userId) };
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        var token = await Godwit.Host.LinkTokenAsync(email);

        var login = await Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 30 });

        Assert.Equal(HttpStatusCode.OK, login.Status);
        var revoked = await Godwit.Host.EventsAsync(userId, EventTypes.SessionRevoked);
        Assert.Equal(earlier.Select(s => s.SessionId).Order(), revoked.Select(e => e.Field("session_id")!).Order());
    }

    [Fact]
    public async Task The_pruner_deletes_sessions_an_hour_past_expiry_and_records_each_as_expired()
    {
        var started = await TestSessions.StartAsync(Godwit.Host, minutes: 5);
        var pruner = Godwit.Host.Services.GetServices<IHostedService>().OfType<SessionPruner>().Single();

        Godwit.Clock.Advance(TimeSpan.FromMinutes(5) + SessionPruner.Grace - TimeSpan.FromSeconds(1));
        await pruner.PruneAsync(TestContext.Current.CancellationToken);
        var before = await Godwit.Host.EventsAsync(started.UserId, EventTypes.SessionExpired);
        Godwit.Clock.Advance(TimeSpan.FromSeconds(2));
        await pruner.PruneAsync(TestContext.Current.CancellationToken);

        Assert.Empty(before);
        var expired = await Godwit.Host.SingleEventAsync(started.UserId, EventTypes.SessionExpired);
        Assert.Equal(started.SessionId, expired.Field("session_id"));
        Assert.Equal(EventActor.SystemType, expired.ActorType);
        Assert.Empty((await Client.GetJsonAsync($"/v1/sessions?user_id={started.UserId}")).Body.GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task A_session_whose_save_fails_leaves_no_event_behind()
    {
        var userId = await Users.TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("events") });
        await using var scope = Godwit.Host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = (await services.GetRequiredService<IUserStore>().FindAsync(userId, TestContext.Current.CancellationToken))!;
        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteJsonAsync($"/v1/users/{userId}")).Status);
        services.GetRequiredService<LoginAttempt>().Factor = "password";
        var now = Godwit.Clock.GetUtcNow().UtcDateTime;
        var factor = new AuthenticationFactor("password", "knowledge", now, now);

        // The user is gone: the session's insert breaks its foreign key, and the events go with it.
        await Assert.ThrowsAnyAsync<Exception>(() => services.GetRequiredService<SessionService>().RecordFactorAsync(
            user, factor, new SessionRequest(30, null, null, null), TestContext.Current.CancellationToken));

        var recorded = await Godwit.Host.EventsAsync(userId);
        Assert.DoesNotContain(recorded, e => e.Type is EventTypes.SessionCreated or EventTypes.LoginSucceeded);
    }

    private async Task<(string UserId, string Email)> UserWithPasswordAsync()
    {
        var email = ApiCalls.UniqueEmail("events");
        var created = await Client.PostAsync("/v1/passwords", new { email, password = Password });
        Assert.True(created.Status == HttpStatusCode.OK, created.ToString());
        return (created.Text("user_id"), email);
    }

    /// <summary>No payload or user agent in the whole log holds any of <paramref name="secrets"/>.</summary>
    private async Task AssertNoSecretsAsync(params string[] secrets)
    {
        var all = await Godwit.Host.AllEventsAsync();
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            Assert.DoesNotContain(all, e => e.Payload.Contains(secret, StringComparison.Ordinal) || (e.UserAgent ?? "").Contains(secret, StringComparison.Ordinal));
        }
    }
}

public sealed class SessionEventsOnSqlite(ClockedSqliteGodwit godwit) : SessionEventsContract, IClassFixture<ClockedSqliteGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}

public sealed class SessionEventsOnPostgres(ClockedPostgresGodwit godwit) : SessionEventsContract, IClassFixture<ClockedPostgresGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}
