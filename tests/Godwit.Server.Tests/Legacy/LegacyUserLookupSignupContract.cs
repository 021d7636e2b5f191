using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// Sign-ups by magic link and one-time code of people the legacy system knows: the user lookup
/// hook of a real legacy server fills their profile, and never stands in their way, on every database.
/// </summary>
public abstract class LegacyUserLookupSignupContract
{
    private protected abstract MigrationGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    private LegacySystem Legacy => Godwit.Legacy;

    [Fact]
    public async Task A_magic_link_sign_up_gets_the_legacy_profile_and_the_email_is_proved_by_the_link_alone()
    {
        var email = ApiCalls.UniqueEmail();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        Legacy.AddLookupPerson(email, Profile(externalId));

        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.True(sent.Body.GetProperty("user_created").GetBoolean());
        var user = await UserAsync(sent.Text("user_id"));
        AssertProfile(user, externalId);
        // The legacy system's email_verified is not taken for a sign-up: the link proves the address.
        Assert.False(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Contains($$"""{"email":"{{email}}"}""", Legacy.ReceivedBodies);

        var token = await Godwit.Host.LinkTokenAsync(email);
        var authenticated = await Client.PostAsync("/v1/magic_links/authenticate", new { token });

        Assert.Equal(HttpStatusCode.OK, authenticated.Status);
        Assert.True(authenticated.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Empty(Legacy.SignatureProblems);
    }

    [Fact]
    public async Task An_email_code_sign_up_gets_the_legacy_profile()
    {
        var email = ApiCalls.UniqueEmail();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        Legacy.AddLookupPerson(email, Profile(externalId));

        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        AssertProfile(await UserAsync(sent.Text("user_id")), externalId);
        Assert.Equal(1, Legacy.LookupHookCalls(email));
    }

    [Fact]
    public async Task A_text_message_sign_up_is_looked_up_by_phone_number()
    {
        var phone = ApiCalls.UniquePhone();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        var profile = Profile(externalId);
        profile["phone_number"] = phone;
        Legacy.AddLookupPerson(phone, profile);

        var sent = await Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = phone });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var user = await UserAsync(sent.Text("user_id"));
        AssertProfile(user, externalId);
        Assert.Empty(user.GetProperty("emails").EnumerateArray());
        Assert.Contains($$"""{"phone_number":"{{phone}}"}""", Legacy.ReceivedBodies);
    }

    [Fact]
    public async Task A_phone_lookup_answer_naming_an_email_adds_no_email_and_the_sign_up_goes_on_without_the_profile()
    {
        var phone = ApiCalls.UniquePhone();
        var victim = ApiCalls.UniqueEmail();
        var profile = Profile("legacy-" + Guid.NewGuid().ToString("N"));
        profile["email"] = victim;
        Legacy.AddLookupPerson(phone, profile);

        var sent = await Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = phone });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        AssertNoProfile(await UserAsync(sent.Text("user_id")));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, victim));
    }

    [Theory]
    [InlineData(500, """{"match": true}""")]
    [InlineData(200, "not json")]
    [InlineData(200, """{"match": true, "external_id": "has spaces in it", "name": {"first_name": "Ada"}}""")]
    [InlineData(200, """{"match": true, "name": {"first_name": "Ada"}, "email": "someone-else@example.com"}""")]
    public async Task A_failing_lookup_never_blocks_a_sign_up_and_no_part_of_a_broken_profile_is_written(int status, string body)
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AnswerLookupHook(email, context => LegacySystem.JsonAsync(context, status, body));

        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.True(sent.Body.GetProperty("user_created").GetBoolean());
        AssertNoProfile(await UserAsync(sent.Text("user_id")));
        Assert.Equal(1, Godwit.Host.EmailsTo(email));
    }

    [Fact]
    public async Task A_profile_whose_external_id_another_user_holds_gives_a_sign_up_without_the_profile()
    {
        var email = ApiCalls.UniqueEmail();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), external_id = externalId });
        Legacy.AddLookupPerson(email, Profile(externalId));

        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        AssertNoProfile(await UserAsync(sent.Text("user_id")));
    }

    [Fact]
    public async Task An_address_Godwit_holds_is_never_looked_up_at_a_login()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });
        Legacy.AddLookupPerson(email, Profile("legacy-" + Guid.NewGuid().ToString("N")));

        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });

        Assert.Equal((HttpStatusCode.OK, created.Text("user_id")), (sent.Status, sent.Text("user_id")));
        Assert.False(sent.Body.GetProperty("user_created").GetBoolean());
        Assert.Equal(0, Legacy.LookupHookCalls(email));
        AssertNoProfile(await UserAsync(created.Text("user_id")));
    }

    [Fact]
    public async Task A_sign_up_racing_another_is_logged_into_the_winner_who_keeps_what_it_has()
    {
        var email = ApiCalls.UniqueEmail();
        string? storedMeanwhile = null;
        Legacy.AnswerLookupHook(email, async context =>
        {
            storedMeanwhile = (await Client.PostAsync("/v1/users", new { email })).Text("user_id");
            var answer = Profile("legacy-" + Guid.NewGuid().ToString("N"));
            answer["match"] = true;
            await LegacySystem.JsonAsync(context, 200, answer.ToJsonString());
        });

        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });

        Assert.Equal((HttpStatusCode.OK, storedMeanwhile), (sent.Status, sent.Text("user_id")));
        Assert.False(sent.Body.GetProperty("user_created").GetBoolean());
        Assert.Equal(1, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
        AssertNoProfile(await UserAsync(storedMeanwhile!));
    }

    private static JsonObject Profile(string externalId) => new()
    {
        ["email_verified"] = true,
        ["name"] = new JsonObject { ["first_name"] = "Ada", ["last_name"] = "Lovelace" },
        ["external_id"] = externalId,
        ["trusted_metadata"] = new JsonObject { ["plan"] = "gold" },
        ["untrusted_metadata"] = new JsonObject { ["theme"] = "dark" },
    };

    private static void AssertProfile(JsonElement user, string externalId)
    {
        Assert.Equal(("Ada", "Lovelace"), (user.GetProperty("name").GetProperty("first_name").GetString(), user.GetProperty("name").GetProperty("last_name").GetString()));
        Assert.Equal(externalId, user.GetProperty("external_id").GetString());
        Assert.Equal("gold", user.GetProperty("trusted_metadata").GetProperty("plan").GetString());
        Assert.Equal("dark", user.GetProperty("untrusted_metadata").GetProperty("theme").GetString());
    }

    private static void AssertNoProfile(JsonElement user)
    {
        Assert.True(string.IsNullOrEmpty(user.GetProperty("name").GetProperty("first_name").GetString()));
        Assert.True(string.IsNullOrEmpty(user.TryGetProperty("external_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null));
        Assert.Equal("{}", user.GetProperty("trusted_metadata").GetRawText());
        Assert.Equal("{}", user.GetProperty("untrusted_metadata").GetRawText());
    }

    private async Task<JsonElement> UserAsync(string userId) => (await Client.GetJsonAsync($"/v1/users/{userId}")).Body;
}

public sealed class LegacyUserLookupSignupOnSqlite(LookupSqliteGodwit godwit) : LegacyUserLookupSignupContract, IClassFixture<LookupSqliteGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}

public sealed class LegacyUserLookupSignupOnPostgres(LookupPostgresGodwit godwit) : LegacyUserLookupSignupContract, IClassFixture<LookupPostgresGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}
