using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.BadInput;

/// <summary>
/// The rules the sweep found missing, each with its exact answer: a body with a key twice, with text
/// that is not Unicode, or with a NUL, and a query string with a NUL, are refused before any endpoint
/// reads them (they answered 500, or acted on one of two values).
/// </summary>
public sealed class RequestTextTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private HttpClient Client => godwit.Host.Client;

    [Fact]
    public async Task A_body_with_a_key_twice_is_bad_request_and_creates_nobody()
    {
        var first = ApiCalls.UniqueEmail("first");
        var second = ApiCalls.UniqueEmail("second");

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users", $$"""{"email": "{{first}}", "email": "{{second}}"}""");

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (answer.Status, answer.ErrorType));
        Assert.StartsWith("The request body is not valid JSON:", answer.Text("error_message"), StringComparison.Ordinal);
        Assert.Contains("Duplicate", answer.Text("error_message"), StringComparison.OrdinalIgnoreCase);
        foreach (var email in new[] { first, second })
        {
            var search = await Client.PostAsync("/v1/users/search", new { query = new { @operator = "AND", operands = new[] { new { filter_name = "email_address", filter_value = new[] { email } } } } });
            Assert.Empty(search.Body.GetProperty("results").EnumerateArray());
        }
    }

    [Theory]
    [InlineData("""{"email": "\ud800@example.com"}""")]
    [InlineData("""{"email": "a@example.com", "name": {"first_name": "x\udc00"}}""")]
    [InlineData("""{"\ud800": 1}""")]
    [InlineData("""{"trusted_metadata": {"a": ["\udfff\ud800"]}}""")]
    public async Task A_lone_surrogate_escape_anywhere_is_bad_request(string json)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users", json);

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (answer.Status, answer.ErrorType));
        Assert.Contains("not valid Unicode", answer.Text("error_message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_inside_a_string_are_bad_request()
    {
        using var content = new ByteArrayContent([.. "{\"email\": \""u8, 0xC3, 0x28, .. "@example.com\"}"u8]);
        content.Headers.ContentType = new("application/json");

        using var response = await Client.PostAsync(new Uri("/v1/otps/email/login_or_create", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error_type\":\"bad_request\"", body, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"email": "a@example.com", "name": {"first_name": "Ann\u0000"}}""")]
    [InlineData("""{"email": "a@example.com", "trusted_metadata": {"k\u0000": 1}}""")]
    public async Task A_nul_in_a_string_or_key_is_bad_request(string json)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users", json);

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (answer.Status, answer.ErrorType));
        Assert.Contains("NUL", answer.Text("error_message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_in_the_query_string_is_bad_request()
    {
        var answer = await Client.GetJsonAsync("/v1/sessions?user_id=user-live-%00");

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (answer.Status, answer.ErrorType));
        Assert.Equal("The query string holds the NUL character (%00), which Godwit does not accept.", answer.Text("error_message"));
        Assert.StartsWith("request-id-live-", answer.Text("request_id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_unusual_but_valid_is_still_accepted()
    {
        var email = ApiCalls.UniqueEmail();

        var answer = await Client.PostAsync("/v1/users", new { email, name = new { first_name = "Zoë \U0001F426 \u202e" }, trusted_metadata = new { note = "tab\there" } });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Zoë \U0001F426 \u202e", answer.Body.GetProperty("user").GetProperty("name").GetProperty("first_name").GetString());
    }
}
