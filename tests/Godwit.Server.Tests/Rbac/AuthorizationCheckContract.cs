using System.Net;
using System.Text.Json;
using Godwit.Server.Tests.Users;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Rbac;

/// <summary>
/// <c>authorization_check</c> on session authenticate: the session user's roles (stytch_user plus
/// those assigned) must grant the action, or the call answers 403 and leaves the session alone.
/// </summary>
public abstract class AuthorizationCheckContract
{
    protected abstract PolicyGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_granted_action_answers_the_verdict_with_every_granting_role_in_policy_order()
    {
        var person = await LoggedInWithRolesAsync("viewer", "editor");

        var read = await AuthenticateAsync(person.SessionToken, new { resource_id = "documents", action = "read" });
        var write = await AuthenticateAsync(person.SessionToken, new { resource_id = "documents", action = "write" });

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.True(read.Body.GetProperty("verdict").GetProperty("authorized").GetBoolean());
        Assert.Equal(["editor", "viewer"], GrantingRoles(read.Body));
        Assert.Equal(["editor"], GrantingRoles(write.Body));
    }

    [Fact]
    public async Task Without_the_field_the_answer_has_no_verdict()
    {
        var person = await LoggedInWithRolesAsync("viewer");

        var answer = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = person.SessionToken });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False(answer.Body.TryGetProperty("verdict", out _));
    }

    [Fact]
    public async Task A_user_whose_roles_lack_the_permission_is_refused_and_the_session_is_not_extended()
    {
        var person = await LoggedInWithRolesAsync("viewer");
        var before = await ExpiresAtAsync(person.SessionToken);
        Godwit.Clock.Advance(TimeSpan.FromMinutes(5));

        var refused = await Client.PostAsync("/v1/sessions/authenticate", new
        {
            session_token = person.SessionToken,
            session_duration_minutes = 600,
            authorization_check = new { resource_id = "documents", action = "write" },
        });

        Assert.Equal((HttpStatusCode.Forbidden, "consumer_session_authorization_error"), (refused.Status, refused.ErrorType));
        Assert.Equal(before, await ExpiresAtAsync(person.SessionToken));
    }

    [Fact]
    public async Task The_default_role_alone_grants_nothing_and_an_unknown_resource_or_action_is_refused_alike()
    {
        var plain = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        var editor = await LoggedInWithRolesAsync("editor");
        var viewer = await LoggedInWithRolesAsync("viewer");

        var byDefault = await AuthenticateAsync(plain.SessionToken, new { resource_id = "documents", action = "read" });
        var unknownResource = await AuthenticateAsync(editor.SessionToken, new { resource_id = "invoices", action = "read" });
        var unknownAction = await AuthenticateAsync(viewer.SessionToken, new { resource_id = "documents", action = "delete" });

        Assert.Equal((HttpStatusCode.Forbidden, "consumer_session_authorization_error"), (byDefault.Status, byDefault.ErrorType));
        Assert.Equal((HttpStatusCode.Forbidden, "consumer_session_authorization_error"), (unknownResource.Status, unknownResource.ErrorType));
        Assert.Equal((HttpStatusCode.Forbidden, "consumer_session_authorization_error"), (unknownAction.Status, unknownAction.ErrorType));
    }

    [Fact]
    public async Task Roles_removed_from_the_user_stop_granting_on_the_next_check()
    {
        var person = await LoggedInWithRolesAsync("editor");
        var granted = await AuthenticateAsync(person.SessionToken, new { resource_id = "documents", action = "write" });

        await Client.PutAsync($"/v1/users/{person.UserId}", new { roles = Array.Empty<string>() });
        var refused = await AuthenticateAsync(person.SessionToken, new { resource_id = "documents", action = "write" });

        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "consumer_session_authorization_error"), (refused.Status, refused.ErrorType));
    }

    [Fact]
    public async Task The_check_applies_when_the_session_is_given_by_its_jwt()
    {
        var person = await LoggedInWithRolesAsync("viewer");

        var read = await Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = person.SessionJwt, authorization_check = new { resource_id = "documents", action = "read" } });
        var write = await Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = person.SessionJwt, authorization_check = new { resource_id = "documents", action = "write" } });

        Assert.Equal(["viewer"], GrantingRoles(read.Body));
        Assert.Equal((HttpStatusCode.Forbidden, "consumer_session_authorization_error"), (write.Status, write.ErrorType));
    }

    [Theory]
    [InlineData("""{"resource_id":"documents"}""")]
    [InlineData("""{"action":"read"}""")]
    [InlineData("""{"resource_id":"","action":"read"}""")]
    [InlineData("""{"resource_id":"documents","action":""}""")]
    [InlineData("""{"resource_id":7,"action":"read"}""")]
    [InlineData("\"documents:read\"")]
    [InlineData("[]")]
    public async Task A_malformed_check_is_refused_with_bad_request_and_the_session_is_not_extended(string check)
    {
        var person = await LoggedInWithRolesAsync("editor");
        var before = await ExpiresAtAsync(person.SessionToken);
        Godwit.Clock.Advance(TimeSpan.FromMinutes(5));

        var body = $$"""{"session_token":"{{person.SessionToken}}","session_duration_minutes":600,"authorization_check":{{check}}}""";
        var refused = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sessions/authenticate", body);

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (refused.Status, refused.ErrorType));
        Assert.Equal(before, await ExpiresAtAsync(person.SessionToken));
    }

    [Fact]
    public async Task Migrate_password_gives_a_new_user_its_roles_and_refuses_an_unknown_one_changing_nothing()
    {
        var email = ApiCalls.UniqueEmail("migrated-roles");
        var refusedEmail = ApiCalls.UniqueEmail("migrated-bad-role");

        var refused = await Client.PostAsync("/v1/passwords/migrate", new { email = refusedEmail, hash = LegacyBcrypt, hash_type = "bcrypt", roles = new[] { "viewer", "admin" } });
        var migrated = await Client.PostAsync("/v1/passwords/migrate", new { email, hash = LegacyBcrypt, hash_type = "bcrypt", roles = new[] { "viewer", "stytch_user" } });
        var again = await Client.PostAsync("/v1/passwords/migrate", new { email, hash = LegacyBcrypt, hash_type = "bcrypt", roles = new[] { "admin" } });
        var user = await Client.GetJsonAsync($"/v1/users/{migrated.Text("user_id")}");

        Assert.Equal((HttpStatusCode.BadRequest, "role_not_found"), (refused.Status, refused.ErrorType));
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(Godwit.Host, refusedEmail));
        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        Assert.Equal(["stytch_user", "viewer"], migrated.Body.GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "role_not_found"), (again.Status, again.ErrorType));
        Assert.Equal(["stytch_user", "viewer"], user.Body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private const string LegacyBcrypt = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";

    private async Task<LoggedIn> LoggedInWithRolesAsync(params string[] roles)
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        var updated = await Client.PutAsync($"/v1/users/{person.UserId}", new { roles });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        return person;
    }

    private Task<ApiAnswer> AuthenticateAsync(string sessionToken, object check) =>
        Client.PostAsync("/v1/sessions/authenticate", new { session_token = sessionToken, authorization_check = check });

    private async Task<string?> ExpiresAtAsync(string sessionToken)
    {
        var answer = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = sessionToken });
        return answer.Body.GetProperty("session").GetProperty("expires_at").GetString();
    }

    private static string?[] GrantingRoles(JsonElement body) =>
        body.GetProperty("verdict").GetProperty("granting_roles").EnumerateArray().Select(r => r.GetString()).ToArray();
}

public sealed class AuthorizationCheckOnSqlite(PolicySqliteGodwit godwit) : AuthorizationCheckContract, IClassFixture<PolicySqliteGodwit>
{
    protected override PolicyGodwit Godwit => godwit;
}

public sealed class AuthorizationCheckOnPostgres(PolicyPostgresGodwit godwit) : AuthorizationCheckContract, IClassFixture<PolicyPostgresGodwit>
{
    protected override PolicyGodwit Godwit => godwit;
}
