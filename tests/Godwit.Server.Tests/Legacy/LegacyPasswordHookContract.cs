using System.Net;
using System.Text.Json.Nodes;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// Password logins of people Godwit holds no password for, vouched for by the legacy password hook
/// of a real legacy server, on every database.
/// </summary>
public abstract class LegacyPasswordHookContract
{
    private const string StrongPassword = "legacy correct horse battery staple 1998";

    private protected abstract MigrationGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    private LegacySystem Legacy => Godwit.Legacy;

    [Fact]
    public async Task A_match_creates_the_user_and_logs_in_exactly_like_a_password_login()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddAccount(email, StrongPassword, new JsonObject
        {
            ["name"] = new JsonObject { ["first_name"] = "Ada", ["last_name"] = "Lovelace" },
            ["external_id"] = "legacy-" + Guid.NewGuid().ToString("N"),
            ["trusted_metadata"] = new JsonObject { ["plan"] = "gold" },
        });

        var login = await Authenticate(email.ToUpperInvariant(), StrongPassword);

        Assert.Equal(HttpStatusCode.OK, login.Status);
        var user = login.Body.GetProperty("user");
        Assert.Equal(login.Text("user_id"), user.GetProperty("user_id").GetString());
        Assert.Equal(email, user.GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.Equal("Ada", user.GetProperty("name").GetProperty("first_name").GetString());
        Assert.StartsWith("legacy-", user.GetProperty("external_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("gold", user.GetProperty("trusted_metadata").GetProperty("plan").GetString());
        Assert.False(user.GetProperty("password").GetProperty("requires_reset").GetBoolean());
        Assert.NotEmpty(login.Text("session_token"));
        Assert.NotEmpty(login.Text("session_jwt"));
        var factor = login.Body.GetProperty("session").GetProperty("authentication_factors")[0];
        Assert.Equal(("password", "knowledge"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.StartsWith("$argon2id$", await LegacyDatabase.StoredHashAsync(Godwit.Host, login.Text("user_id")), StringComparison.Ordinal);
        var session = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = login.Text("session_token") });
        Assert.Equal(HttpStatusCode.OK, session.Status);
        // The hook was asked with the normalised email, and every request it got was signed.
        Assert.Equal(1, Legacy.PasswordHookCalls(email));
        Assert.Empty(Legacy.SignatureProblems);
    }

    [Fact]
    public async Task The_email_is_verified_only_when_the_hook_says_email_verified_true()
    {
        var verified = ApiCalls.UniqueEmail();
        var unsaid = ApiCalls.UniqueEmail();
        var denied = ApiCalls.UniqueEmail();
        Legacy.AddAccount(verified, StrongPassword, new JsonObject { ["email_verified"] = true });
        Legacy.AddAccount(unsaid, StrongPassword);
        Legacy.AddAccount(denied, StrongPassword, new JsonObject { ["email_verified"] = false });

        var answers = new[] { await Authenticate(verified, StrongPassword), await Authenticate(unsaid, StrongPassword), await Authenticate(denied, StrongPassword) };

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal([true, false, false], answers.Select(a => a.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean()));
    }

    [Fact]
    public async Task Later_logins_check_the_stored_hash_and_never_ask_the_hook_again()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddAccount(email, StrongPassword);

        var first = await Authenticate(email, StrongPassword);
        var second = await Authenticate(email, StrongPassword);
        var wrong = await Authenticate(email, "not the legacy password at all");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Text("user_id"), second.Text("user_id"));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (wrong.Status, wrong.ErrorType));
        Assert.Equal(1, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task A_non_match_is_unauthorized_credentials_and_creates_nothing()
    {
        var known = ApiCalls.UniqueEmail();
        var unknown = ApiCalls.UniqueEmail();
        Legacy.AddAccount(known, StrongPassword);

        var wrongPassword = await Authenticate(known, "a wrong legacy password");
        var unknownEmail = await Authenticate(unknown, StrongPassword);

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (wrongPassword.Status, wrongPassword.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (unknownEmail.Status, unknownEmail.ErrorType));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, known));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, unknown));
        Assert.Equal(1, Legacy.PasswordHookCalls(unknown));
    }

    [Theory]
    [InlineData(500, """{"match": true}""")]
    [InlineData(404, """{"match": true}""")]
    [InlineData(201, """{"match": true}""")]
    [InlineData(200, "match=true")]
    [InlineData(200, "")]
    [InlineData(200, "{}")]
    [InlineData(200, "[true]")]
    [InlineData(200, """{"match": "true"}""")]
    [InlineData(200, """{"match": 1}""")]
    [InlineData(200, """{"match": null}""")]
    [InlineData(200, """{"match": true, "email_verified": "yes"}""")]
    [InlineData(200, """{"match": true, "name": "Ada Lovelace"}""")]
    [InlineData(200, """{"match": true, "external_id": "has spaces in it"}""")]
    [InlineData(200, """{"match": true, "trusted_metadata": ["not", "an", "object"]}""")]
    public async Task An_answer_outside_the_contract_fails_the_login_with_legacy_password_hook_unavailable_and_creates_nothing(int status, string body)
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AnswerPasswordHook(email, context => LegacySystem.JsonAsync(context, status, body));

        var login = await Authenticate(email, StrongPassword);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_password_hook_unavailable"), (login.Status, login.ErrorType));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
    }

    [Fact]
    public async Task A_weak_legacy_password_is_accepted_and_marked_until_the_person_chooses_a_new_one()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddAccount(email, "password1");
        var strong = ApiCalls.UniqueEmail();
        Legacy.AddAccount(strong, StrongPassword);

        var weakLogin = await Authenticate(email, "password1");
        var strongLogin = await Authenticate(strong, StrongPassword);
        var changed = await Client.PostAsync("/v1/passwords/existing_password/reset", new { email, existing_password = "password1", new_password = StrongPassword });

        Assert.Equal(HttpStatusCode.OK, weakLogin.Status);
        Assert.True(weakLogin.Body.GetProperty("user").GetProperty("trusted_metadata").GetProperty("godwit_password_below_policy").GetBoolean());
        Assert.False(strongLogin.Body.GetProperty("user").GetProperty("trusted_metadata").TryGetProperty("godwit_password_below_policy", out _));
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.False(changed.Body.GetProperty("user").GetProperty("trusted_metadata").TryGetProperty("godwit_password_below_policy", out _));
    }

    [Fact]
    public async Task A_user_imported_without_a_hash_is_completed_and_keeps_what_Godwit_holds()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email, name = new { first_name = "Grace" } });
        Legacy.AddAccount(email, StrongPassword, new JsonObject
        {
            ["email_verified"] = true,
            ["name"] = new JsonObject { ["first_name"] = "Ignored", ["last_name"] = "Hopper" },
            ["external_id"] = "legacy-" + Guid.NewGuid().ToString("N"),
        });

        var login = await Authenticate(email, StrongPassword);
        var again = await Authenticate(email, StrongPassword);

        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(created.Text("user_id"), login.Text("user_id"));
        var user = login.Body.GetProperty("user");
        Assert.True(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal(("Grace", "Hopper"), (user.GetProperty("name").GetProperty("first_name").GetString(), user.GetProperty("name").GetProperty("last_name").GetString()));
        Assert.StartsWith("legacy-", user.GetProperty("external_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("password-live-", user.GetProperty("password").GetProperty("password_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task Wrong_legacy_passwords_of_a_user_without_a_password_lock_it_and_a_locked_user_is_not_sent_to_the_hook()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/users", new { email });
        Legacy.AddAccount(email, StrongPassword);

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var wrong = await Authenticate(email, $"wrong legacy password {attempt}");
            Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (wrong.Status, wrong.ErrorType));
        }

        var locked = await Authenticate(email, StrongPassword);

        Assert.Equal((HttpStatusCode.TooManyRequests, "user_lock_limit_reached"), (locked.Status, locked.ErrorType));
        Assert.Equal(10, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task Simultaneous_first_logins_of_one_person_make_one_user_and_all_succeed()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddAccount(email, StrongPassword);

        var logins = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Authenticate(email, StrongPassword)));

        Assert.All(logins, login => Assert.Equal(HttpStatusCode.OK, login.Status));
        Assert.Single(logins.Select(l => l.Text("user_id")).Distinct());
        Assert.Equal(1, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
    }

    [Fact]
    public async Task Session_fields_are_checked_before_the_hook_is_asked()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddAccount(email, StrongPassword);

        var badDuration = await Client.PostAsync("/v1/passwords/authenticate", new { email, password = StrongPassword, session_duration_minutes = 1 });

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_session_duration_minutes"), (badDuration.Status, badDuration.ErrorType));
        Assert.Equal(0, Legacy.PasswordHookCalls(email));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
    }

    private Task<ApiAnswer> Authenticate(string email, string password) =>
        Client.PostAsync("/v1/passwords/authenticate", new { email, password });
}

public sealed class LegacyPasswordHookOnSqlite(HookSqliteGodwit godwit) : LegacyPasswordHookContract, IClassFixture<HookSqliteGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}

public sealed class LegacyPasswordHookOnPostgres(HookPostgresGodwit godwit) : LegacyPasswordHookContract, IClassFixture<HookPostgresGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}
