using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// Forgot-password for people not yet migrated: a reset start for an email Godwit does not hold
/// asks the legacy user lookup hook of a real legacy server, on every database.
/// </summary>
public abstract partial class LegacyUserLookupResetContract
{
    private const string ResetUrl = "https://app.example/reset";
    private const string NewPassword = "a brand new godwit passphrase 2026";

    private protected abstract MigrationGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    private LegacySystem Legacy => Godwit.Legacy;

    public static TheoryData<int, string> AnswersThatDoNotVouch => new()
    {
        { 200, """{"match": false}""" },
        { 500, """{"match": true}""" },
        { 401, """{"match": true}""" },
        { 200, "{}" },
        { 200, """{"match": "true"}""" },
        { 200, """{"match": true, "email_verified": "yes"}""" },
        { 200, """{"match": true, "name": "Ada Lovelace"}""" },
        { 200, """{"match": true, "external_id": "has spaces in it"}""" },
        { 200, """{"match": true, "trusted_metadata": ["not", "an", "object"]}""" },
        { 200, """{"match": true, "untrusted_metadata": "dark"}""" },
        // A profile may not name another address than the one asked about, nor an invalid one.
        { 200, """{"match": true, "email": "someone-else@example.com"}""" },
        { 200, """{"match": true, "email": "not an email"}""" },
        { 200, """{"match": true, "email": 42}""" },
        { 200, """{"match": true, "phone_number": "+15555550123"}""" },
    };

    [Fact]
    public async Task A_reset_start_for_an_email_only_the_legacy_system_knows_creates_the_user_from_its_profile_and_emails_the_link()
    {
        var email = ApiCalls.UniqueEmail();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        Legacy.AddLookupPerson(email, new JsonObject
        {
            ["email"] = email,
            ["email_verified"] = true,
            ["name"] = new JsonObject { ["first_name"] = "Ada", ["last_name"] = "Lovelace" },
            ["external_id"] = externalId,
            ["trusted_metadata"] = new JsonObject { ["plan"] = "gold" },
            ["untrusted_metadata"] = new JsonObject { ["theme"] = "dark" },
        });

        var started = await StartReset(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, started.Status);
        var user = (await Client.GetJsonAsync($"/v1/users/{started.Text("user_id")}")).Body;
        var stored = user.GetProperty("emails")[0];
        Assert.Equal((email, started.Text("email_id"), true), (stored.GetProperty("email").GetString(), stored.GetProperty("email_id").GetString(), stored.GetProperty("verified").GetBoolean()));
        Assert.Equal(("Ada", "Lovelace"), (user.GetProperty("name").GetProperty("first_name").GetString(), user.GetProperty("name").GetProperty("last_name").GetString()));
        Assert.Equal(externalId, user.GetProperty("external_id").GetString());
        Assert.Equal("gold", user.GetProperty("trusted_metadata").GetProperty("plan").GetString());
        Assert.Equal("dark", user.GetProperty("untrusted_metadata").GetProperty("theme").GetString());
        Assert.Equal("active", user.GetProperty("status").GetString());
        // The hook was asked once, with the normalised email alone, signed under its own secret.
        Assert.Equal(1, Legacy.LookupHookCalls(email));
        Assert.Contains($$"""{"email":"{{email}}"}""", Legacy.ReceivedBodies);
        Assert.Empty(Legacy.SignatureProblems);

        var token = ResetTokenIn((await Godwit.Host.EmailAsync(email)).TextBody!);
        var reset = await Client.PostAsync("/v1/passwords/email/reset", new { token, password = NewPassword });
        var login = await Client.PostAsync("/v1/passwords/authenticate", new { email, password = NewPassword });
        var again = await StartReset(email);

        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal((HttpStatusCode.OK, started.Text("user_id")), (login.Status, login.Text("user_id")));
        Assert.Equal((HttpStatusCode.OK, started.Text("user_id")), (again.Status, again.Text("user_id")));
        Assert.Equal(1, Legacy.LookupHookCalls(email));
    }

    [Fact]
    public async Task The_email_is_verified_only_when_the_lookup_says_email_verified_true()
    {
        var unsaid = ApiCalls.UniqueEmail();
        var denied = ApiCalls.UniqueEmail();
        Legacy.AddLookupPerson(unsaid);
        Legacy.AddLookupPerson(denied, new JsonObject { ["email_verified"] = false });

        var answers = new[] { await StartReset(unsaid), await StartReset(denied) };

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        foreach (var answer in answers)
        {
            var user = (await Client.GetJsonAsync($"/v1/users/{answer.Text("user_id")}")).Body;
            Assert.False(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        }
    }

    [Theory]
    [MemberData(nameof(AnswersThatDoNotVouch))]
    public async Task An_answer_that_does_not_vouch_is_answered_exactly_as_an_unknown_email_and_creates_nothing(int status, string body)
    {
        var email = ApiCalls.UniqueEmail();
        var unknown = ApiCalls.UniqueEmail();
        Legacy.AnswerLookupHook(email, context => LegacySystem.JsonAsync(context, status, body));

        var asked = await StartReset(email);
        var neverKnown = await StartReset(unknown);

        AssertAnsweredAsUnknown(asked, neverKnown);
        Assert.Equal(1, Legacy.LookupHookCalls(email));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
        Assert.Equal(0, Godwit.Host.EmailsTo(email));
    }

    [Fact]
    public async Task Metadata_over_the_size_limit_creates_nothing()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddLookupPerson(email, new JsonObject
        {
            ["name"] = new JsonObject { ["first_name"] = "Ada" },
            ["trusted_metadata"] = new JsonObject { ["blob"] = new string('x', 5000) },
        });

        var asked = await StartReset(email);

        AssertAnsweredAsUnknown(asked, await StartReset(ApiCalls.UniqueEmail()));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
    }

    [Fact]
    public async Task A_profile_whose_external_id_another_user_holds_creates_nothing()
    {
        var email = ApiCalls.UniqueEmail();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        var holder = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), external_id = externalId });
        Legacy.AddLookupPerson(email, new JsonObject { ["external_id"] = externalId, ["name"] = new JsonObject { ["first_name"] = "Ada" } });

        var asked = await StartReset(email);

        Assert.Equal(HttpStatusCode.OK, holder.Status);
        AssertAnsweredAsUnknown(asked, await StartReset(ApiCalls.UniqueEmail()));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
    }

    [Fact]
    public async Task A_hook_slower_than_the_timeout_is_answered_as_an_unknown_email()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AnswerLookupHook(email, async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            await LegacySystem.JsonAsync(context, 200, """{"match": true}""");
        });

        var asked = await StartReset(email);

        AssertAnsweredAsUnknown(asked, await StartReset(ApiCalls.UniqueEmail()));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
    }

    [Fact]
    public async Task An_email_Godwit_holds_is_never_looked_up_and_keeps_what_Godwit_holds()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email, name = new { first_name = "Grace" } });
        Legacy.AddLookupPerson(email, new JsonObject { ["email_verified"] = true, ["name"] = new JsonObject { ["first_name"] = "Mallory" }, ["external_id"] = "legacy-mallory" });

        var started = await StartReset(email);

        Assert.Equal((HttpStatusCode.OK, created.Text("user_id")), (started.Status, started.Text("user_id")));
        Assert.Equal(0, Legacy.LookupHookCalls(email));
        AssertUntouched((await Client.GetJsonAsync($"/v1/users/{created.Text("user_id")}")).Body);
    }

    [Fact]
    public async Task A_user_stored_while_the_legacy_system_answers_is_sent_the_link_and_never_merged_with_the_profile()
    {
        var email = ApiCalls.UniqueEmail();
        string? storedMeanwhile = null;
        Legacy.AnswerLookupHook(email, async context =>
        {
            // Someone signs up with the email between Godwit's lookup of it and the hook's answer.
            storedMeanwhile = (await Client.PostAsync("/v1/users", new { email, name = new { first_name = "Grace" } })).Text("user_id");
            await LegacySystem.JsonAsync(context, 200, new JsonObject
            {
                ["match"] = true,
                ["email_verified"] = true,
                ["name"] = new JsonObject { ["first_name"] = "Mallory" },
                ["external_id"] = "legacy-" + Guid.NewGuid().ToString("N"),
                ["trusted_metadata"] = new JsonObject { ["role"] = "admin" },
            }.ToJsonString());
        });

        var started = await StartReset(email);

        Assert.Equal((HttpStatusCode.OK, storedMeanwhile), (started.Status, started.Text("user_id")));
        Assert.Equal(1, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
        AssertUntouched((await Client.GetJsonAsync($"/v1/users/{storedMeanwhile}")).Body);
        Assert.Equal(1, Godwit.Host.EmailsTo(email));
    }

    [Fact]
    public async Task Simultaneous_reset_starts_for_one_unknown_email_create_one_user()
    {
        var email = ApiCalls.UniqueEmail();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        using var gate = new SemaphoreSlim(0);
        const int Starts = 6;
        var asked = 0;
        Legacy.AnswerLookupHook(email, async context =>
        {
            // Every start is inside the hook before any answer leaves it, so all of them try to create.
            if (Interlocked.Increment(ref asked) == Starts)
            {
                gate.Release(Starts);
            }

            await gate.WaitAsync(context.RequestAborted);
            await LegacySystem.JsonAsync(context, 200, new JsonObject { ["match"] = true, ["external_id"] = externalId, ["name"] = new JsonObject { ["first_name"] = "Ada" } }.ToJsonString());
        });

        var answers = await Task.WhenAll(Enumerable.Range(0, Starts).Select(_ => StartReset(email)));

        Assert.Equal(1, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Single(answers.Select(a => a.Text("user_id")).Distinct());
        Assert.Equal(Starts, Legacy.LookupHookCalls(email));
    }

    [Fact]
    public async Task The_request_is_checked_completely_before_the_legacy_system_is_asked()
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddLookupPerson(email);

        var badUrl = await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = "https://attacker.example/reset" });
        var badExpiry = await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = ResetUrl, reset_password_expiration_minutes = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, badUrl.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badExpiry.Status);
        Assert.Equal(0, Legacy.LookupHookCalls(email));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
    }

    /// <summary>The answer Godwit gives an email nobody has, to the byte but for the request id.</summary>
    private static void AssertAnsweredAsUnknown(ApiAnswer asked, ApiAnswer neverKnown)
    {
        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (asked.Status, asked.ErrorType));
        Assert.Equal(WithoutRequestId(neverKnown), WithoutRequestId(asked));
    }

    private static string WithoutRequestId(ApiAnswer answer)
    {
        var json = JsonNode.Parse(answer.Body.GetRawText())!.AsObject();
        json.Remove("request_id");
        return json.ToJsonString();
    }

    private static void AssertUntouched(JsonElement user)
    {
        Assert.Equal("Grace", user.GetProperty("name").GetProperty("first_name").GetString());
        Assert.True(string.IsNullOrEmpty(user.TryGetProperty("external_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null));
        Assert.Equal("{}", user.GetProperty("trusted_metadata").GetRawText());
        Assert.False(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
    }

    private Task<ApiAnswer> StartReset(string email) =>
        Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = ResetUrl });

    private static string ResetTokenIn(string text) => ResetToken().Match(text) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"no reset token in: {text}");

    [GeneratedRegex("[?&]stytch_token_type=reset_password&token=([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetToken();
}

public sealed class LegacyUserLookupResetOnSqlite(LookupSqliteGodwit godwit) : LegacyUserLookupResetContract, IClassFixture<LookupSqliteGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}

public sealed class LegacyUserLookupResetOnPostgres(LookupPostgresGodwit godwit) : LegacyUserLookupResetContract, IClassFixture<LookupPostgresGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}
