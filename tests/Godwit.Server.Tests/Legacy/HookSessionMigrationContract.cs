using System.Net;
using System.Text.Json.Nodes;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// <c>POST /v1/sessions/migrate</c> through the legacy session hook, for legacy systems without OIDC,
/// on every database.
/// </summary>
public abstract class HookSessionMigrationContract
{
    private protected abstract MigrationGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    private LegacySystem Legacy => Godwit.Legacy;

    [Fact]
    public async Task A_legacy_cookie_the_hook_vouches_for_migrates_to_the_existing_user_of_its_email()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });
        var cookie = Legacy.AddHookSession(new JsonObject { ["match"] = true, ["email"] = email, ["email_verified"] = true }.ToJsonString());

        var migrated = await Migrate(cookie);

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        Assert.Equal(created.Text("user_id"), migrated.Text("user_id"));
        Assert.True(migrated.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal("imported", migrated.Body.GetProperty("session").GetProperty("authentication_factors")[0].GetProperty("type").GetString());
        Assert.Contains(Legacy.ReceivedBodies, body => body == new JsonObject { ["token"] = cookie }.ToJsonString());
        Assert.Empty(Legacy.SignatureProblems);
    }

    [Fact]
    public async Task An_unknown_email_gets_a_new_user_with_the_profile_the_hook_gives()
    {
        var email = ApiCalls.UniqueEmail();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        var cookie = Legacy.AddHookSession(new JsonObject
        {
            ["match"] = true,
            ["email"] = email,
            ["name"] = new JsonObject { ["first_name"] = "Grace" },
            ["external_id"] = externalId,
        }.ToJsonString());

        var migrated = await Migrate(cookie);

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        var user = migrated.Body.GetProperty("user");
        Assert.False(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal("Grace", user.GetProperty("name").GetProperty("first_name").GetString());
        Assert.Equal(externalId, user.GetProperty("external_id").GetString());
    }

    [Fact]
    public async Task A_cookie_the_hook_does_not_match_is_unable_to_auth_legacy_session()
    {
        var migrated = await Migrate("legacy-sid-nobody-knows");

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_legacy_session"), (migrated.Status, migrated.ErrorType));
    }

    [Theory]
    [InlineData("""{"match": true}""")]
    [InlineData("""{"match": true, "email": "not an email"}""")]
    [InlineData("""{"match": true, "email": 42}""")]
    [InlineData("""{"valid": true}""")]
    [InlineData("<html>oops</html>")]
    public async Task A_hook_answer_outside_the_contract_is_legacy_session_check_unavailable_and_creates_nothing(string answer)
    {
        var email = ApiCalls.UniqueEmail();
        var cookie = Legacy.AddHookSession(answer.Replace("not an email", email.Replace("@", " at ", StringComparison.Ordinal), StringComparison.Ordinal));

        var migrated = await Migrate(cookie);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_session_check_unavailable"), (migrated.Status, migrated.ErrorType));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
    }

    private Task<ApiAnswer> Migrate(string token) => Client.PostAsync("/v1/sessions/migrate", new { session_token = token });
}

public sealed class HookSessionMigrationOnSqlite(HookSqliteGodwit godwit) : HookSessionMigrationContract, IClassFixture<HookSqliteGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}

public sealed class HookSessionMigrationOnPostgres(HookPostgresGodwit godwit) : HookSessionMigrationContract, IClassFixture<HookPostgresGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}
