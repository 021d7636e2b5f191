using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>
/// Malformed requests to the users endpoints get a precise Stytch-shaped 4xx, never the framework's
/// default answer and never a 500, and leave nothing behind.
/// </summary>
public sealed class UserBadInputTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private static readonly string SomeUser = $"user-live-{Guid.NewGuid():D}";

    /// <summary>Every users endpoint that reads a JSON body.</summary>
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/v1/users"),
        ("PUT", $"/v1/users/{SomeUser}"),
        ("POST", "/v1/users/search"),
        ("DELETE", $"/v1/users/{SomeUser}"),
        ("DELETE", $"/v1/users/emails/email-live-{Guid.NewGuid():D}"),
        ("DELETE", $"/v1/users/phone_numbers/phone-number-live-{Guid.NewGuid():D}"),
        ("DELETE", $"/v1/users/{SomeUser}/external_id"),
    ];

    private HttpClient Client => godwit.Host.Client;

    public static TheoryData<string, string> BodyEndpoints => new(Endpoints);

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Malformed_json_is_bad_request(string method, string path)
    {
        var answer = await Client.SendJsonAsync(new HttpMethod(method), path, """{"email": "a@b.co",""");

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (answer.Status, answer.ErrorType));
        AssertStytchError(answer);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task A_body_that_is_not_a_json_object_is_bad_request(string method, string path)
    {
        foreach (var body in new[] { "[]", "\"text\"", "5", "null", "true" })
        {
            var answer = await Client.SendJsonAsync(new HttpMethod(method), path, body);

            Assert.True((answer.Status, answer.ErrorType) == (HttpStatusCode.BadRequest, "bad_request"), $"{body}: {answer}");
        }
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task A_body_over_one_mebibyte_is_request_too_large(string method, string path)
    {
        var json = $$$"""{"email": "{{{ApiCalls.UniqueEmail()}}}", "trusted_metadata": {"x": "{{{new string('a', 1024 * 1024 + 1)}}}"}}""";

        var answer = await Client.SendJsonAsync(new HttpMethod(method), path, json);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "request_too_large"), (answer.Status, answer.ErrorType));
        AssertStytchError(answer);
    }

    [Theory]
    [InlineData("""{"email": 5}""", "invalid_email")]
    [InlineData("""{"email": "not-an-email"}""", "invalid_email")]
    [InlineData("""{"email": "two@@example.com"}""", "invalid_email")]
    [InlineData("""{"phone_number": 15550101234}""", "invalid_phone_number")]
    [InlineData("""{"phone_number": "555-0101"}""", "invalid_phone_number")]
    [InlineData("""{"phone_number": "+1555abc0101"}""", "invalid_phone_number")]
    [InlineData("""{"name": "x"}""", "invalid_name")]
    [InlineData("""{"name": {"first_name": 5}}""", "invalid_name")]
    [InlineData("""{"trusted_metadata": [1]}""", "metadata_invalid_format")]
    [InlineData("""{"untrusted_metadata": "x"}""", "metadata_invalid_format")]
    [InlineData("""{"external_id": 5}""", "invalid_external_id")]
    [InlineData("""{"external_id": "has space"}""", "invalid_external_id")]
    [InlineData("""{"external_id": ""}""", "invalid_external_id")]
    [InlineData("""{"create_user_as_pending": "yes"}""", "bad_request")]
    public async Task Create_user_with_a_wrong_field_is_refused_precisely_and_stores_nothing(string fields, string errorType)
    {
        var email = ApiCalls.UniqueEmail();
        // The unique email comes first, so that only the field under test is wrong.
        var json = fields.Contains("\"email\"", StringComparison.Ordinal) ? fields : $$"""{"email": "{{email}}", {{fields[1..]}}""";

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users", json);

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        AssertStytchError(answer);
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(godwit.Host, email));
    }

    [Fact]
    public async Task Metadata_over_4096_bytes_or_names_over_1024_characters_are_refused()
    {
        var email = ApiCalls.UniqueEmail();

        var metadata = await Client.PostAsync("/v1/users", new { email, trusted_metadata = new { x = new string('m', 4100) } });
        var name = await Client.PostAsync("/v1/users", new { email, name = new { first_name = new string('n', 1025) } });
        var externalId = await Client.PostAsync("/v1/users", new { email, external_id = new string('e', 129) });

        Assert.Equal("metadata_too_large", metadata.ErrorType);
        Assert.Equal("invalid_name", name.ErrorType);
        Assert.Equal("invalid_external_id", externalId.ErrorType);
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(godwit.Host, email));
    }

    [Theory]
    [InlineData("""{"emails": "a@b.co"}""", "invalid_email")]
    [InlineData("""{"emails": [{"email": 5}]}""", "invalid_email")]
    [InlineData("""{"emails": ["a@b.co"]}""", "invalid_email")]
    [InlineData("""{"emails": [{"email": "not-an-email"}]}""", "invalid_email")]
    [InlineData("""{"phone_numbers": [{"phone_number": "12"}]}""", "invalid_phone_number")]
    [InlineData("""{"phone_numbers": [5]}""", "invalid_phone_number")]
    [InlineData("""{"name": "x"}""", "invalid_name")]
    [InlineData("""{"trusted_metadata": [1]}""", "metadata_invalid_format")]
    [InlineData("""{"external_id": 5}""", "invalid_external_id")]
    public async Task Update_user_with_a_wrong_field_is_refused_precisely_and_changes_nothing(string json, string errorType)
    {
        var created = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), trusted_metadata = new { kept = 1 } });
        var userId = created.Text("user_id");
        var before = await Client.GetJsonAsync($"/v1/users/{userId}");

        var answer = await Client.SendJsonAsync(HttpMethod.Put, $"/v1/users/{userId}", json);
        var after = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal(before.Body.GetProperty("emails").GetRawText(), after.Body.GetProperty("emails").GetRawText());
        Assert.Equal(before.Body.GetProperty("trusted_metadata").GetRawText(), after.Body.GetProperty("trusted_metadata").GetRawText());
    }

    [Fact]
    public async Task Updating_more_than_ten_emails_at_once_is_refused()
    {
        var userId = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");
        await TestUsers.MarkAddressesVerifiedAsync(godwit.Host, userId);

        var answer = await Client.PutAsync($"/v1/users/{userId}", new { emails = Enumerable.Range(0, 11).Select(_ => new { email = ApiCalls.UniqueEmail() }) });

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_email"), (answer.Status, answer.ErrorType));
        Assert.Single((await Client.GetJsonAsync($"/v1/users/{userId}")).Body.GetProperty("emails").EnumerateArray());
    }

    [Fact]
    public async Task Updating_a_user_that_does_not_exist_is_user_not_found_and_stores_nothing()
    {
        var email = ApiCalls.UniqueEmail();

        var answer = await Client.PutAsync($"/v1/users/user-live-{Guid.NewGuid():D}", new { emails = new[] { new { email } }, name = new { first_name = "Ghost" } });

        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (answer.Status, answer.ErrorType));
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(godwit.Host, email));
    }

    [Theory]
    [InlineData("/v1/users/not-a-user-id")]
    [InlineData("/v1/users/user-live-not-a-uuid")]
    [InlineData("/v1/users/user-live-00000000-0000-0000-0000-000000000000")]
    [InlineData("/v1/users/%20")]
    public async Task Getting_an_unknown_or_malformed_user_id_is_user_not_found(string path)
    {
        var answer = await Client.GetJsonAsync(path);

        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("/v1/users/emails/not-an-id", "invalid_email_id")]
    [InlineData("/v1/users/emails/email-live-NOT-A-UUID", "invalid_email_id")]
    [InlineData("/v1/users/emails/phone-number-live-00000000-0000-0000-0000-000000000000", "invalid_email_id")]
    [InlineData("/v1/users/phone_numbers/not-an-id", "invalid_phone_id")]
    [InlineData("/v1/users/phone_numbers/email-live-00000000-0000-0000-0000-000000000000", "invalid_phone_id")]
    public async Task Deleting_an_address_by_a_malformed_id_is_refused_as_invalid(string path, string errorType)
    {
        var answer = await Client.DeleteJsonAsync(path);

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task Deleting_an_email_by_its_id_in_upper_case_is_refused_and_keeps_the_email()
    {
        var created = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });
        var emailId = created.Text("email_id");

        var answer = await Client.DeleteJsonAsync("/v1/users/emails/email-live-" + emailId["email-live-".Length..].ToUpperInvariant());

        Assert.Equal("invalid_email_id", answer.ErrorType);
        Assert.Single((await Client.GetJsonAsync($"/v1/users/{created.Text("user_id")}")).Body.GetProperty("emails").EnumerateArray());
    }

    [Fact]
    public async Task A_get_with_a_json_content_type_and_no_body_works()
    {
        var userId = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");

        var answer = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task A_delete_with_an_empty_object_body_or_with_no_body_at_all_works()
    {
        var first = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");
        var second = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");

        var withObject = await Client.DeleteJsonAsync($"/v1/users/{first}");
        using var withNothing = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/users/{second}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, withObject.Status);
        Assert.Equal(HttpStatusCode.OK, withNothing.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/nothing-here")]
    [InlineData("POST", "/v1/users/search/more")]
    [InlineData("GET", "/nothing-here")]
    [InlineData("GET", "/v2/users")]
    public async Task An_unknown_route_is_route_not_found(string method, string path)
    {
        var answer = await Client.SendJsonAsync(new HttpMethod(method), path, "{}");

        Assert.Equal((HttpStatusCode.NotFound, "route_not_found"), (answer.Status, answer.ErrorType));
        AssertStytchError(answer);
    }

    [Theory]
    [InlineData("PATCH", "/v1/users/user-live-00000000-0000-0000-0000-000000000000")]
    [InlineData("PUT", "/v1/users")]
    [InlineData("GET", "/v1/sessions/authenticate")]
    [InlineData("POST", "/v1/users/user-live-00000000-0000-0000-0000-000000000000")]
    public async Task A_known_route_with_the_wrong_method_is_method_not_allowed(string method, string path)
    {
        var answer = await Client.SendJsonAsync(new HttpMethod(method), path, "{}");

        Assert.Equal((HttpStatusCode.MethodNotAllowed, "method_not_allowed"), (answer.Status, answer.ErrorType));
        AssertStytchError(answer);
    }

    [Fact]
    public async Task Wrong_credentials_are_unauthorized_on_every_users_endpoint()
    {
        using var client = new HttpClient { BaseAddress = godwit.Host.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{godwit.Host.ProjectId}:wrong-secret")));

        foreach (var (method, path) in Endpoints.Append(("GET", $"/v1/users/{SomeUser}")))
        {
            var answer = await client.SendJsonAsync(new HttpMethod(method), path, "{}");

            Assert.True((answer.Status, answer.ErrorType) == (HttpStatusCode.Unauthorized, "unauthorized_credentials"), $"{method} {path}: {answer}");
        }
    }

    private static void AssertStytchError(ApiAnswer answer)
    {
        Assert.InRange((int)answer.Status, 400, 499);
        Assert.Equal((int)answer.Status, answer.Body.GetProperty("status_code").GetInt32());
        Assert.StartsWith("request-id-live-", answer.Text("request_id"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.Text("error_message")));
        Assert.EndsWith($"{Godwit.Server.Http.ErrorReference.PagePath}#{answer.ErrorType}", answer.Text("error_url"), StringComparison.Ordinal);
    }
}
