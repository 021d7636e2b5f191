using System.Net;
using System.Text.Json;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Import;

/// <summary>
/// POST /v1/users/import rows with linked provider accounts, on every database: stored as the user's
/// providers, one account never linked to two users, malformed entries refusing the whole request.
/// </summary>
public abstract class BulkImportProvidersContract
{
    protected abstract GodwitHost Host { get; }

    private static string Subject() => "sub-" + Guid.NewGuid().ToString("N");

    private Task<ApiAnswer> ImportAsync(string json) => Host.Client.SendJsonAsync(HttpMethod.Post, "/v1/users/import", json);

    private async Task<List<JsonElement>> ProvidersOfAsync(string userId)
    {
        var user = await Host.Client.GetJsonAsync($"/v1/users/{userId}");
        Assert.True(user.Status == HttpStatusCode.OK, user.ToString());
        return [.. user.Body.GetProperty("providers").EnumerateArray()];
    }

    private static List<JsonElement> Results(ApiAnswer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return [.. answer.Body.GetProperty("results").EnumerateArray()];
    }

    [Fact]
    public async Task A_row_with_providers_links_them_in_Stytchs_spelling_and_GET_user_shows_them()
    {
        var (google, github, oidc) = (Subject(), "583231", Subject());
        var email = ApiCalls.UniqueEmail("providers");
        var answer = await ImportAsync($$"""
            {"users": [{"email": "{{email}}", "set_email_verified": true, "providers": [
                {"provider_type": "google", "provider_subject": "{{google}}", "profile_picture_url": "https://example.com/p.png", "locale": "en"},
                {"provider_type": "GitHub", "provider_subject": "{{github}}"},
                {"provider_type": "google", "provider_subject": "{{google}}"},
                {"provider_type": "acme-sso", "provider_subject": "{{oidc}}"}
            ]}]}
            """);

        var result = Assert.Single(Results(answer));
        Assert.Equal("created", result.GetProperty("outcome").GetString());
        var providers = await ProvidersOfAsync(result.GetProperty("user_id").GetString()!);
        Assert.Equal(3, providers.Count);
        var linked = providers.ToDictionary(p => p.GetProperty("provider_type").GetString()!, p => p);
        Assert.Equal(google, linked["Google"].GetProperty("provider_subject").GetString());
        Assert.Equal("https://example.com/p.png", linked["Google"].GetProperty("profile_picture_url").GetString());
        Assert.Equal("en", linked["Google"].GetProperty("locale").GetString());
        Assert.StartsWith("oauth-user-registration-live-", linked["Google"].GetProperty("oauth_user_registration_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(github, linked["Github"].GetProperty("provider_subject").GetString());
        Assert.Equal(oidc, linked["acme-sso"].GetProperty("provider_subject").GetString());
    }

    [Fact]
    public async Task An_account_linked_to_another_user_fails_only_that_row()
    {
        var (taken, fresh, twice) = (Subject(), Subject(), Subject());
        var owner = Results(await ImportAsync($$"""{"users": [{"email": "{{ApiCalls.UniqueEmail("owner")}}", "providers": [{"provider_type": "Google", "provider_subject": "{{taken}}"}]}]}"""));
        var ownerId = owner[0].GetProperty("user_id").GetString()!;

        var (claimer, bystander, first, second) = (ApiCalls.UniqueEmail("claimer"), ApiCalls.UniqueEmail("bystander"), ApiCalls.UniqueEmail("first"), ApiCalls.UniqueEmail("second"));
        var results = Results(await ImportAsync($$"""
            {"users": [
                {"email": "{{claimer}}", "providers": [{"provider_type": "github", "provider_subject": "{{fresh}}"}, {"provider_type": "google", "provider_subject": "{{taken}}"}]},
                {"email": "{{bystander}}"},
                {"email": "{{first}}", "providers": [{"provider_type": "apple", "provider_subject": "{{twice}}"}]},
                {"email": "{{second}}", "providers": [{"provider_type": "Apple", "provider_subject": "{{twice}}"}]}
            ]}
            """));

        Assert.Equal(["failed", "created", "created", "failed"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal("duplicate_oauth_registration", results[0].GetProperty("error_type").GetString());
        Assert.Contains("Google", results[0].GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Equal("duplicate_oauth_registration", results[3].GetProperty("error_type").GetString());
        Assert.Single(await ProvidersOfAsync(ownerId));
        var search = await Host.Client.PostAsync("/v1/users/search", new
        {
            query = new { @operator = "OR", operands = new[] { new { filter_name = "email_address", filter_value = new[] { claimer, second } } } },
        });
        Assert.Empty(search.Body.GetProperty("results").EnumerateArray());
        Assert.Single(await ProvidersOfAsync(results[2].GetProperty("user_id").GetString()!));
    }

    [Fact]
    public async Task Importing_again_duplicates_nothing_and_upsert_adds_only_the_missing_accounts()
    {
        var (google, github, others) = (Subject(), Subject(), Subject());
        var email = ApiCalls.UniqueEmail("again");
        var row = $$"""{"email": "{{email}}", "providers": [{"provider_type": "google", "provider_subject": "{{google}}"}]}""";
        var userId = Results(await ImportAsync($$"""{"users": [{{row}}]}"""))[0].GetProperty("user_id").GetString()!;

        var again = Results(await ImportAsync($$"""{"users": [{{row}}]}"""));
        Assert.Equal("skipped", again[0].GetProperty("outcome").GetString());
        var withMore = $$"""{"email": "{{email}}", "providers": [{"provider_type": "google", "provider_subject": "{{google}}"}, {"provider_type": "github", "provider_subject": "{{github}}"}]}""";
        var plain = Results(await ImportAsync($$"""{"users": [{{withMore}}]}"""));
        Assert.Equal("skipped", plain[0].GetProperty("outcome").GetString());
        Assert.Single(await ProvidersOfAsync(userId));

        var upserted = Results(await ImportAsync($$"""{"upsert": true, "users": [{{withMore}}, {{withMore}}]}"""));
        Assert.Equal(["updated", "updated"], upserted.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(["Github", "Google"], (await ProvidersOfAsync(userId)).Select(p => p.GetProperty("provider_type").GetString()).Order());

        // An account another user holds fails the matched row, which then changes nothing.
        Results(await ImportAsync($$"""{"users": [{"email": "{{ApiCalls.UniqueEmail("holder")}}", "providers": [{"provider_type": "discord", "provider_subject": "{{others}}"}]}]}"""));
        var refused = Results(await ImportAsync($$"""
            {"upsert": true, "users": [{"email": "{{email}}", "name": {"first_name": "Changed"}, "providers": [{"provider_type": "discord", "provider_subject": "{{others}}"}]}]}
            """));
        Assert.Equal("duplicate_oauth_registration", refused[0].GetProperty("error_type").GetString());
        var user = await Host.Client.GetJsonAsync($"/v1/users/{userId}");
        Assert.NotEqual("Changed", user.Body.GetProperty("name").GetProperty("first_name").GetString());
        Assert.Equal(2, user.Body.GetProperty("providers").GetArrayLength());
    }

    [Theory]
    [InlineData("\"google\"", "invalid_providers")]
    [InlineData("[42]", "invalid_providers")]
    [InlineData("[{\"provider_type\": 5, \"provider_subject\": \"x\"}]", "invalid_provider_type")]
    [InlineData("[{\"provider_subject\": \"x\"}]", "invalid_provider_type")]
    [InlineData("[{\"provider_type\": \"google\"}]", "invalid_provider_subject")]
    [InlineData("[{\"provider_type\": \"google\", \"provider_subject\": \"\"}]", "invalid_provider_subject")]
    [InlineData("[{\"provider_type\": \"google\", \"provider_subject\": 123}]", "invalid_provider_subject")]
    [InlineData("[{\"provider_type\": \"google\", \"provider_subject\": \"a\\u0007b\"}]", "invalid_provider_subject")]
    [InlineData("[{\"provider_type\": \"google\", \"provider_subject\": \" 1\"}]", "invalid_provider_subject")]
    [InlineData("[{\"provider_type\": \"two words\", \"provider_subject\": \"1\"}]", "invalid_provider_type")]
    [InlineData("[{\"provider_type\": \"google\", \"provider_subject\": \"1\", \"profile_picture_url\": \"javascript:alert(1)\"}]", "invalid_profile_picture_url")]
    public async Task Malformed_providers_refuse_the_whole_request_and_write_nothing(string providers, string errorType)
    {
        var (good, bad) = (ApiCalls.UniqueEmail("good"), ApiCalls.UniqueEmail("bad"));
        var answer = await ImportAsync($$"""{"users": [{"email": "{{good}}"}, {"email": "{{bad}}", "providers": {{providers}}}]}""");

        Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.ToString());
        Assert.Equal(errorType, answer.Body.GetProperty("error_type").GetString());
        Assert.StartsWith("users[1].providers", answer.Body.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        var search = await Host.Client.PostAsync("/v1/users/search", new
        {
            query = new { @operator = "OR", operands = new[] { new { filter_name = "email_address", filter_value = new[] { good, bad } } } },
        });
        Assert.Empty(search.Body.GetProperty("results").EnumerateArray());
    }
}

public sealed class BulkImportProvidersOnSqlite(SqliteGodwit godwit) : BulkImportProvidersContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class BulkImportProvidersOnPostgres(PostgresGodwit godwit) : BulkImportProvidersContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
