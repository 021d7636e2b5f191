using System.Net;
using System.Text.Json.Nodes;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Server.Tests.Legacy;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Integrity;

/// <summary>
/// Two records become one person only on verified evidence: the attacks of pre-registering someone
/// else's email, and of vouching for it through a legacy system that never verified it, on every
/// database, against a real legacy server with both hooks.
/// </summary>
public abstract class VerifiedEvidenceContract
{
    private const string LegacyPassword = "legacy correct horse battery staple 1998";

    private protected abstract MigrationGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    private LegacySystem Legacy => Godwit.Legacy;

    [Fact]
    public async Task A_magic_link_to_a_pre_registered_email_ends_the_attackers_sessions_and_password_until_a_reset()
    {
        var email = ApiCalls.UniqueEmail("victim");
        var attacker = await Evidence.PreRegisterAsync(Godwit.Host, email);

        var owner = await Godwit.Host.LogInByMagicLinkAsync(email);

        Assert.Equal(attacker.Text("user_id"), owner.Text("user_id"));
        Assert.True(owner.Body.GetProperty("user").GetProperty("password").GetProperty("requires_reset").GetBoolean());
        var attackerSession = await Evidence.CheckSessionAsync(Godwit.Host, attacker.Text("session_token"));
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (attackerSession.Status, attackerSession.ErrorType));
        Assert.Equal(HttpStatusCode.OK, (await Evidence.CheckSessionAsync(Godwit.Host, owner.Text("session_token"))).Status);
        var attackerLogin = await Evidence.PasswordLoginAsync(Godwit.Host, email, Evidence.AttackerPassword);
        Assert.Equal((HttpStatusCode.BadRequest, "reset_password"), (attackerLogin.Status, attackerLogin.ErrorType));
        var wrongGuess = await Evidence.PasswordLoginAsync(Godwit.Host, email, "not the password at all 1234");
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (wrongGuess.Status, wrongGuess.ErrorType));

        // The owner resets by email; from then on the new password, and only it, works.
        await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = Evidence.ResetUrl });
        var reset = await Client.PostAsync("/v1/passwords/email/reset", new { token = await Evidence.ResetTokenAsync(Godwit.Host, email), password = Evidence.OwnerPassword });
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.False(reset.Body.GetProperty("user").GetProperty("password").GetProperty("requires_reset").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await Evidence.PasswordLoginAsync(Godwit.Host, email, Evidence.OwnerPassword)).Status);
        Assert.Equal("unauthorized_credentials", (await Evidence.PasswordLoginAsync(Godwit.Host, email, Evidence.AttackerPassword)).ErrorType);
    }

    [Fact]
    public async Task An_email_code_to_a_pre_registered_email_does_the_same_and_keeps_the_session_it_was_added_to()
    {
        var email = ApiCalls.UniqueEmail("victim");
        var attacker = await Evidence.PreRegisterAsync(Godwit.Host, email);
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        var code = await Godwit.Host.EmailCodeAsync(email);

        var owner = await Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code, session_duration_minutes = 30 });

        Assert.Equal(HttpStatusCode.OK, owner.Status);
        Assert.Equal("session_not_found", (await Evidence.CheckSessionAsync(Godwit.Host, attacker.Text("session_token"))).ErrorType);
        Assert.Equal(HttpStatusCode.OK, (await Evidence.CheckSessionAsync(Godwit.Host, owner.Text("session_token"))).Status);
        Assert.Equal("reset_password", (await Evidence.PasswordLoginAsync(Godwit.Host, email, Evidence.AttackerPassword)).ErrorType);
    }

    [Fact]
    public async Task A_password_set_after_the_email_was_verified_keeps_working_when_the_owner_later_uses_a_magic_link()
    {
        var email = ApiCalls.UniqueEmail();
        var first = await Godwit.Host.LogInByMagicLinkAsync(email);
        await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = Evidence.ResetUrl });
        await Client.PostAsync("/v1/passwords/email/reset", new { token = await Evidence.ResetTokenAsync(Godwit.Host, email), password = Evidence.OwnerPassword });
        var passwordSession = await Evidence.PasswordLoginAsync(Godwit.Host, email, Evidence.OwnerPassword);

        await Godwit.Host.LogInByMagicLinkAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await Evidence.PasswordLoginAsync(Godwit.Host, email, Evidence.OwnerPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Evidence.CheckSessionAsync(Godwit.Host, passwordSession.Text("session_token"))).Status);
        Assert.NotEmpty(first.Text("user_id"));
    }

    [Fact]
    public async Task A_legacy_session_whose_email_is_not_vouched_for_never_logs_into_an_existing_user()
    {
        var email = ApiCalls.UniqueEmail("victim");
        var owner = await Godwit.Host.LogInByMagicLinkAsync(email);
        var unsaid = Legacy.AddHookSession(new JsonObject { ["match"] = true, ["email"] = email }.ToJsonString());
        var denied = Legacy.AddHookSession(new JsonObject { ["match"] = true, ["email"] = email, ["email_verified"] = false }.ToJsonString());

        var answers = new[] { await Migrate(unsaid), await Migrate(denied) };

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.Forbidden, "legacy_email_not_verified"), (answer.Status, answer.ErrorType)));
        var sessions = await Client.GetJsonAsync($"/v1/sessions?user_id={owner.Text("user_id")}");
        Assert.Equal(1, sessions.Body.GetProperty("sessions").GetArrayLength());
    }

    [Fact]
    public async Task A_legacy_session_whose_email_is_not_vouched_for_still_creates_a_new_unverified_user()
    {
        var email = ApiCalls.UniqueEmail();

        var migrated = await Migrate(Legacy.AddHookSession(new JsonObject { ["match"] = true, ["email"] = email }.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        Assert.False(migrated.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task The_imported_factor_of_a_migrated_session_never_allows_a_password_reset_by_session()
    {
        var email = ApiCalls.UniqueEmail();
        var migrated = await Migrate(Legacy.AddHookSession(new JsonObject { ["match"] = true, ["email"] = email, ["email_verified"] = true }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, migrated.Status);

        var reset = await Client.PostAsync("/v1/passwords/session/reset", new { session_token = migrated.Text("session_token"), password = Evidence.AttackerPassword });

        Assert.Equal((HttpStatusCode.BadRequest, "session_too_old_to_reset_password"), (reset.Status, reset.ErrorType));
        Assert.Equal(JsonValueKindNull, (await Client.GetJsonAsync($"/v1/users/{migrated.Text("user_id")}")).Body.GetProperty("password").ValueKind);
    }

    [Fact]
    public async Task A_legacy_session_vouching_for_a_pre_registered_email_ends_the_attackers_sessions_and_password()
    {
        var email = ApiCalls.UniqueEmail("victim");
        var attacker = await Evidence.PreRegisterAsync(Godwit.Host, email);

        var migrated = await Migrate(Legacy.AddHookSession(new JsonObject { ["match"] = true, ["email"] = email, ["email_verified"] = true }.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        Assert.Equal("session_not_found", (await Evidence.CheckSessionAsync(Godwit.Host, attacker.Text("session_token"))).ErrorType);
        Assert.Equal("reset_password", (await Evidence.PasswordLoginAsync(Godwit.Host, email, Evidence.AttackerPassword)).ErrorType);
    }

    [Fact]
    public async Task A_legacy_password_without_a_verified_email_never_opens_a_user_whose_email_is_verified_here()
    {
        var email = ApiCalls.UniqueEmail("victim");
        var owner = await Godwit.Host.LogInByMagicLinkAsync(email);
        Legacy.AddAccount(email, LegacyPassword);

        var login = await Evidence.PasswordLoginAsync(Godwit.Host, email, LegacyPassword);

        Assert.Equal((HttpStatusCode.BadRequest, "reset_password"), (login.Status, login.ErrorType));
        var user = await Client.GetJsonAsync($"/v1/users/{owner.Text("user_id")}");
        Assert.Equal(JsonValueKindNull, user.Body.GetProperty("password").ValueKind);
        var sessions = await Client.GetJsonAsync($"/v1/sessions?user_id={owner.Text("user_id")}");
        Assert.Equal(1, sessions.Body.GetProperty("sessions").GetArrayLength());
    }

    [Fact]
    public async Task A_legacy_password_with_a_verified_email_completes_a_user_who_never_had_a_password()
    {
        var email = ApiCalls.UniqueEmail();
        var owner = await Godwit.Host.LogInByMagicLinkAsync(email);
        Legacy.AddAccount(email, LegacyPassword, new JsonObject { ["email_verified"] = true });

        var login = await Evidence.PasswordLoginAsync(Godwit.Host, email, LegacyPassword);

        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(owner.Text("user_id"), login.Text("user_id"));
    }

    [Fact]
    public async Task A_password_deleted_in_godwit_never_comes_back_through_the_hook()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddAccount(email, LegacyPassword, new JsonObject { ["email_verified"] = true });
        var first = await Evidence.PasswordLoginAsync(Godwit.Host, email, LegacyPassword);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var passwordId = first.Body.GetProperty("user").GetProperty("password").GetProperty("password_id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteJsonAsync($"/v1/users/passwords/{passwordId}")).Status);

        var again = await Evidence.PasswordLoginAsync(Godwit.Host, email, LegacyPassword);

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (again.Status, again.ErrorType));
        Assert.Equal(1, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task Every_reset_link_dies_when_the_password_changes()
    {
        var email = ApiCalls.UniqueEmail();
        await Godwit.Host.LogInByMagicLinkAsync(email);
        await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = Evidence.ResetUrl });
        var first = await Evidence.ResetTokenAsync(Godwit.Host, email);
        await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = Evidence.ResetUrl });
        var second = await Evidence.ResetTokenAsync(Godwit.Host, email);
        await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = Evidence.ResetUrl });
        var third = await Evidence.ResetTokenAsync(Godwit.Host, email);

        var used = await Client.PostAsync("/v1/passwords/email/reset", new { token = first, password = Evidence.OwnerPassword });
        var stale = await Client.PostAsync("/v1/passwords/email/reset", new { token = second, password = Evidence.AttackerPassword });
        var staler = await Client.PostAsync("/v1/passwords/email/reset", new { token = third, password = Evidence.AttackerPassword });
        await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = Evidence.ResetUrl });
        var fourth = await Evidence.ResetTokenAsync(Godwit.Host, email);
        var changed = await Client.PostAsync("/v1/passwords/existing_password/reset", new { email, existing_password = Evidence.OwnerPassword, new_password = Evidence.OwnerPassword + " again" });
        var afterChange = await Client.PostAsync("/v1/passwords/email/reset", new { token = fourth, password = Evidence.AttackerPassword });

        Assert.Equal(HttpStatusCode.OK, used.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_password_reset_token"), (stale.Status, stale.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_password_reset_token"), (staler.Status, staler.ErrorType));
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_password_reset_token"), (afterChange.Status, afterChange.ErrorType));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private Task<ApiAnswer> Migrate(string token) => Client.PostAsync("/v1/sessions/migrate", new { session_token = token, session_duration_minutes = 60 });
}

public sealed class VerifiedEvidenceOnSqlite(HookSqliteGodwit godwit) : VerifiedEvidenceContract, IClassFixture<HookSqliteGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}

public sealed class VerifiedEvidenceOnPostgres(HookPostgresGodwit godwit) : VerifiedEvidenceContract, IClassFixture<HookPostgresGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}
