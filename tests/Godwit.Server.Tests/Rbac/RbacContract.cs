using System.Net;
using System.Text.Json;
using Godwit.Server.Tests.Sessions;
using Godwit.Server.Tests.Users;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Rbac;

/// <summary>The RBAC policy from configuration, and roles assigned to users and shown on their sessions.</summary>
public abstract class RbacContract
{
    protected abstract PolicyGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task The_policy_lists_the_configured_roles_after_stytch_user_and_the_resources_in_stytchs_shape()
    {
        var answer = await Client.GetJsonAsync("/v1/rbac/policy");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var policy = answer.Body.GetProperty("policy");
        Assert.Equal(["stytch_user", "editor", "viewer"], policy.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role_id").GetString()));
        var viewer = policy.GetProperty("roles")[2];
        Assert.Equal("Reads documents", viewer.GetProperty("description").GetString());
        var permission = Assert.Single(viewer.GetProperty("permissions").EnumerateArray());
        Assert.Equal(("documents", "read"), (permission.GetProperty("resource_id").GetString(), Assert.Single(permission.GetProperty("actions").EnumerateArray()).GetString()));
        var resource = Assert.Single(policy.GetProperty("resources").EnumerateArray());
        Assert.Equal(["read", "write"], resource.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(policy.GetProperty("scopes").EnumerateArray());
    }

    [Fact]
    public async Task Roles_given_at_creation_and_replaced_by_an_update_show_on_the_user_after_stytch_user()
    {
        var created = await TestUsers.CreateAsync(Client, new { email = ApiCalls.UniqueEmail("roles"), roles = new[] { "viewer", "stytch_user", "editor", "viewer" } });
        var userId = created.GetProperty("user_id").GetString()!;

        Assert.Equal(["stytch_user", "editor", "viewer"], Roles(created.GetProperty("user")));

        var updated = await Client.PutAsync($"/v1/users/{userId}", new { roles = new[] { "viewer" } });
        Assert.Equal(["stytch_user", "viewer"], Roles(updated.Body.GetProperty("user")));

        var untouched = await Client.PutAsync($"/v1/users/{userId}", new { name = new { first_name = "Ada" } });
        Assert.Equal(["stytch_user", "viewer"], Roles(untouched.Body.GetProperty("user")));

        var cleared = await Client.PutAsync($"/v1/users/{userId}", new { roles = Array.Empty<string>() });
        Assert.Equal(["stytch_user"], Roles(cleared.Body.GetProperty("user")));
    }

    [Fact]
    public async Task An_unknown_role_is_refused_and_changes_nothing()
    {
        var email = ApiCalls.UniqueEmail("unknown-role");
        var refused = await Client.PostAsync("/v1/users", new { email, roles = new[] { "editor", "admin" } });

        Assert.Equal((HttpStatusCode.BadRequest, "role_not_found"), (refused.Status, refused.ErrorType));
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(Godwit.Host, email));

        var userId = await TestUsers.CreateIdAsync(Client, new { email, roles = new[] { "editor" } });
        var update = await Client.PutAsync($"/v1/users/{userId}", new { roles = new[] { "stytch_admin" }, name = new { first_name = "Changed" } });
        var user = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.Equal((HttpStatusCode.BadRequest, "role_not_found"), (update.Status, update.ErrorType));
        Assert.Equal(["stytch_user", "editor"], Roles(user.Body));
        Assert.Equal("", user.Body.GetProperty("name").GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task Roles_of_the_wrong_type_are_refused_with_bad_request()
    {
        var email = ApiCalls.UniqueEmail("bad-roles");
        var notArray = await Client.PostAsync("/v1/users", new { email, roles = "editor" });
        var notStrings = await Client.PostAsync("/v1/users", new { email, roles = new object[] { "editor", 7 } });

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (notArray.Status, notArray.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (notStrings.Status, notStrings.ErrorType));
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(Godwit.Host, email));
    }

    [Fact]
    public async Task A_sessions_roles_and_its_jwt_follow_the_users_roles()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        await Client.PutAsync($"/v1/users/{person.UserId}", new { roles = new[] { "editor" } });

        var checkedSession = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = person.SessionToken, session_duration_minutes = 60 });

        Assert.Equal(HttpStatusCode.OK, checkedSession.Status);
        Assert.Equal(["stytch_user", "editor"], Roles(checkedSession.Body.GetProperty("session")));
        var claim = JwtParts.Payload(checkedSession.Text("session_jwt")).GetProperty("https://stytch.com/session");
        Assert.Equal(["stytch_user", "editor"], Roles(claim));
        var listed = await Client.GetJsonAsync($"/v1/sessions?user_id={person.UserId}");
        Assert.Equal(["stytch_user", "editor"], Roles(Assert.Single(listed.Body.GetProperty("sessions").EnumerateArray())));
    }

    private static string?[] Roles(JsonElement holder) => holder.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToArray();
}

public sealed class RbacOnSqlite(PolicySqliteGodwit godwit) : RbacContract, IClassFixture<PolicySqliteGodwit>
{
    protected override PolicyGodwit Godwit => godwit;
}

public sealed class RbacOnPostgres(PolicyPostgresGodwit godwit) : RbacContract, IClassFixture<PolicyPostgresGodwit>
{
    protected override PolicyGodwit Godwit => godwit;
}
