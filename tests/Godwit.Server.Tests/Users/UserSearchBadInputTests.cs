using System.Net;
using System.Text;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>Malformed users-search requests get their own search error type, never a 500.</summary>
public sealed class UserSearchBadInputTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private HttpClient Client => godwit.Host.Client;

    [Theory]
    [InlineData("\"not-base64!\"")]
    [InlineData("\"aGVsbG8gd29ybGQ=\"")]
    [InlineData("\"MTIzfHVzZXItbGl2ZS1ub3QtYS11dWlk\"")]
    [InlineData("\"LTF8dXNlci1saXZlLTAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==\"")]
    [InlineData("5")]
    [InlineData("{}")]
    public async Task A_cursor_not_issued_by_search_is_user_search_invalid_cursor(string cursor)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users/search", $$"""{"cursor": {{cursor}}}""");

        Assert.Equal((HttpStatusCode.BadRequest, "user_search_invalid_cursor"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task A_cursor_whose_user_id_has_upper_case_hex_is_refused()
    {
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes($"638000000000000000|user-live-{Guid.NewGuid().ToString("D").ToUpperInvariant()}"));

        var answer = await Client.PostAsync("/v1/users/search", new { cursor });

        Assert.Equal("user_search_invalid_cursor", answer.ErrorType);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("EMAIL_ADDRESS")]
    [InlineData("")]
    public async Task An_unknown_filter_name_is_user_search_filter_name_not_recognized(string name)
    {
        var answer = await SearchAsync(new { filter_name = name, filter_value = new[] { "a@b.co" } });

        Assert.Equal((HttpStatusCode.BadRequest, "user_search_filter_name_not_recognized"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("email_address", "\"a@b.co\"")]
    [InlineData("email_address", "[1]")]
    [InlineData("user_id", "\"user-live-x\"")]
    [InlineData("phone_number", "{}")]
    [InlineData("email_verified", "\"true\"")]
    [InlineData("phone_verified", "1")]
    [InlineData("status", "\"deleted\"")]
    [InlineData("status", "[\"active\"]")]
    [InlineData("created_at_greater_than", "\"yesterday\"")]
    [InlineData("created_at_less_than", "1700000000")]
    [InlineData("created_at_between", "\"2024-01-01T00:00:00Z\"")]
    [InlineData("created_at_between", "{\"greater_than\": \"2024-01-01T00:00:00Z\"}")]
    [InlineData("email_address_fuzzy", "\"ab\"")]
    [InlineData("phone_number_fuzzy", "5551")]
    [InlineData("full_name_fuzzy", "[\"ann\"]")]
    [InlineData("email_address", "null")]
    public async Task A_filter_value_of_the_wrong_type_is_user_search_invalid_filter_value(string name, string value)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users/search",
            $$$"""{"query": {"operator": "AND", "operands": [{"filter_name": "{{{name}}}", "filter_value": {{{value}}}}]}}""");

        Assert.Equal((HttpStatusCode.BadRequest, "user_search_invalid_filter_value"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("""{"operator": "XOR", "operands": []}""")]
    [InlineData("""{"operands": []}""")]
    [InlineData("""{"operator": 1}""")]
    [InlineData("""{"operator": "AND", "operands": {}}""")]
    [InlineData("""[]""")]
    [InlineData("\"AND\"")]
    public async Task A_malformed_query_is_user_search_invalid_operator(string query)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users/search", $$"""{"query": {{query}}}""");

        Assert.Equal((HttpStatusCode.BadRequest, "user_search_invalid_operator"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("\"10\"")]
    [InlineData("10.5")]
    [InlineData("true")]
    [InlineData("99999999999")]
    public async Task A_limit_that_is_not_a_whole_number_is_user_search_invalid_limit(string limit)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users/search", $$"""{"limit": {{limit}}}""");

        Assert.Equal((HttpStatusCode.BadRequest, "user_search_invalid_limit"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task An_empty_search_body_lists_users_with_a_total()
    {
        await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users/search", "");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Body.GetProperty("results_metadata").GetProperty("total").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_query_with_no_operands_matches_every_user()
    {
        var answer = await Client.PostAsync("/v1/users/search", new { limit = 1, query = new { @operator = "OR", operands = Array.Empty<object>() } });
        var everyone = await Client.PostAsync("/v1/users/search", new { limit = 1 });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(everyone.Body.GetProperty("results_metadata").GetProperty("total").GetInt32(), answer.Body.GetProperty("results_metadata").GetProperty("total").GetInt32());
    }

    private Task<ApiAnswer> SearchAsync(object operand) =>
        Client.PostAsync("/v1/users/search", new { query = new { @operator = "AND", operands = new[] { operand } } });
}
