using System.Globalization;
using System.Net;
using System.Text.Json;
using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Totps;

/// <summary>Where accepted codes land: sessions and their JWTs, recovery codes, and deletion.</summary>
public abstract partial class TotpContract
{
    [Fact]
    public async Task A_code_with_the_session_token_adds_the_totp_factor_to_that_session()
    {
        var user = await TotpUsers.LogInAsync(Host);
        var totp = await TotpUsers.CreateAsync(Host, user.UserId);
        var code = await Otplib.CodeAsync(totp.Secret, Clock.GetUtcNow());

        var answer = await Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = code, session_token = user.SessionToken });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(user.SessionToken, answer.Text("session_token"));
        var session = answer.Body.GetProperty("session");
        Assert.Equal(user.SessionId, session.GetProperty("session_id").GetString());
        var factors = session.GetProperty("authentication_factors").EnumerateArray().ToList();
        Assert.Equal(["otp", "totp"], factors.Select(f => f.GetProperty("type").GetString()));
        var factor = factors[1];
        Assert.Equal("authenticator_app", factor.GetProperty("delivery_method").GetString());
        Assert.Equal(totp.TotpId, factor.GetProperty("authenticator_app_factor").GetProperty("totp_id").GetString());
        Assert.Equal(Clock.GetUtcNow(), Instant(factor, "last_authenticated_at"));
        Assert.Equal(Clock.GetUtcNow(), Instant(factor, "created_at"));
    }

    [Fact]
    public async Task A_code_with_the_session_jwt_adds_the_factor_and_the_new_jwt_lists_both_factors_with_their_times()
    {
        var user = await TotpUsers.LogInAsync(Host);
        var loggedInAt = Clock.GetUtcNow();
        var totp = await TotpUsers.CreateAsync(Host, user.UserId);
        Clock.Advance(TimeSpan.FromSeconds(40));
        var code = await Otplib.CodeAsync(totp.Secret, Clock.GetUtcNow());

        var answer = await Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = code, session_jwt = user.SessionJwt });
        var other = await TotpUsers.LogInAsync(Host);
        var foreign = await Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = await Otplib.CodeAsync(totp.Secret, Clock.GetUtcNow().AddSeconds(30)), session_token = other.SessionToken });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(user.SessionId, answer.Body.GetProperty("session").GetProperty("session_id").GetString());
        var claims = JwtParts.Payload(answer.Text("session_jwt")).GetProperty("https://stytch.com/session");
        Assert.Equal(user.SessionId, claims.GetProperty("id").GetString());
        var factors = claims.GetProperty("authentication_factors").EnumerateArray().ToList();
        Assert.Equal(["otp", "totp"], factors.Select(f => f.GetProperty("type").GetString()));
        Assert.Equal(loggedInAt, Instant(factors[0], "last_authenticated_at"));
        Assert.Equal(Clock.GetUtcNow(), Instant(factors[1], "last_authenticated_at"));
        Assert.Equal(totp.TotpId, factors[1].GetProperty("authenticator_app_factor").GetProperty("totp_id").GetString());
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (foreign.Status, foreign.ErrorType));
    }

    [Fact]
    public async Task Recovery_codes_are_listed_and_each_works_once_adding_the_recovery_factor()
    {
        var (user, totp) = await TotpUsers.EnrolAsync(Host, Clock);

        var listed = await Client.PostAsync("/v1/totps/recovery_codes", new { user_id = user.UserId });
        var recovered = await Client.PostAsync("/v1/totps/recover", new { user_id = user.UserId, recovery_code = " " + totp.RecoveryCodes[3].ToUpperInvariant(), session_duration_minutes = 30 });
        var again = await Client.PostAsync("/v1/totps/recover", new { user_id = user.UserId, recovery_code = totp.RecoveryCodes[3] });
        var unknown = await Client.PostAsync("/v1/totps/recover", new { user_id = user.UserId, recovery_code = "aaaa-bbbb-cccc" });
        var withSession = await Client.PostAsync("/v1/totps/recover", new { user_id = user.UserId, recovery_code = totp.RecoveryCodes[4], session_token = user.SessionToken });
        var listedAfter = await Client.PostAsync("/v1/totps/recovery_codes", new { user_id = user.UserId });

        var entry = Assert.Single(listed.Body.GetProperty("totps").EnumerateArray());
        Assert.Equal(user.UserId, listed.Text("user_id"));
        Assert.Equal((totp.TotpId, true), (entry.GetProperty("totp_id").GetString(), entry.GetProperty("verified").GetBoolean()));
        Assert.Equal(totp.RecoveryCodes.Order(), entry.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).Order());
        Assert.Equal(HttpStatusCode.OK, recovered.Status);
        Assert.Equal((user.UserId, totp.TotpId), (recovered.Text("user_id"), recovered.Text("totp_id")));
        var factor = Assert.Single(recovered.Body.GetProperty("session").GetProperty("authentication_factors").EnumerateArray());
        Assert.Equal(("recovery_codes", "recovery_code"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.Matches("^totp-recovery-code-live-[0-9a-f-]{36}$", factor.GetProperty("recovery_code_factor").GetProperty("totp_recovery_code_id").GetString()!);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_authenticate_recovery_code"), (again.Status, again.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_authenticate_recovery_code"), (unknown.Status, unknown.ErrorType));
        Assert.Equal(HttpStatusCode.OK, withSession.Status);
        Assert.Equal(["otp", "recovery_codes"], withSession.Body.GetProperty("session").GetProperty("authentication_factors").EnumerateArray().Select(f => f.GetProperty("type").GetString()));
        var remaining = listedAfter.Body.GetProperty("totps")[0].GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(8, remaining.Count);
        Assert.DoesNotContain(totp.RecoveryCodes[3], remaining);
        Assert.DoesNotContain(totp.RecoveryCodes[4], remaining);
    }

    [Fact]
    public async Task Simultaneous_uses_of_one_recovery_code_let_exactly_one_through()
    {
        var (user, totp) = await TotpUsers.EnrolAsync(Host, Clock);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Client.PostAsync("/v1/totps/recover", new { user_id = user.UserId, recovery_code = totp.RecoveryCodes[0] })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("unable_to_authenticate_recovery_code", a.ErrorType));
    }

    [Fact]
    public async Task Recovery_codes_of_a_totp_awaiting_its_first_code_cannot_be_used_to_recover()
    {
        var user = await TotpUsers.LogInAsync(Host);
        var totp = await TotpUsers.CreateAsync(Host, user.UserId);
        var none = await TotpUsers.LogInAsync(Host);

        var recovered = await Client.PostAsync("/v1/totps/recover", new { user_id = user.UserId, recovery_code = totp.RecoveryCodes[0] });
        var listed = await Client.PostAsync("/v1/totps/recovery_codes", new { user_id = user.UserId });
        var noTotps = await Client.PostAsync("/v1/totps/recovery_codes", new { user_id = none.UserId });

        Assert.Equal((HttpStatusCode.NotFound, "totp_not_found"), (recovered.Status, recovered.ErrorType));
        Assert.False(Assert.Single(listed.Body.GetProperty("totps").EnumerateArray()).GetProperty("verified").GetBoolean());
        Assert.Empty(noTotps.Body.GetProperty("totps").EnumerateArray());
    }

    [Fact]
    public async Task Deleting_a_totp_removes_it_and_its_recovery_codes_and_frees_the_user_to_enrol_again()
    {
        var (user, totp) = await TotpUsers.EnrolAsync(Host, Clock);

        var deleted = await Client.DeleteJsonAsync($"/v1/users/totps/{totp.TotpId}");
        var again = await Client.DeleteJsonAsync($"/v1/users/totps/{totp.TotpId}");
        var code = await Authenticate(user.UserId, await Otplib.CodeAsync(totp.Secret, Clock.GetUtcNow()));
        var recreated = await Client.PostAsync("/v1/totps", new { user_id = user.UserId });

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(user.UserId, deleted.Text("user_id"));
        Assert.Empty(deleted.Body.GetProperty("user").GetProperty("totps").EnumerateArray());
        Assert.Empty(await TotpUsers.RecoveryRowsAsync(Host, totp.TotpId));
        Assert.Equal((HttpStatusCode.NotFound, "totp_not_found"), (again.Status, again.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "totp_not_found"), (code.Status, code.ErrorType));
        Assert.Equal(HttpStatusCode.OK, recreated.Status);
    }

    private static DateTimeOffset Instant(JsonElement factor, string field) =>
        DateTimeOffset.Parse(factor.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);
}
