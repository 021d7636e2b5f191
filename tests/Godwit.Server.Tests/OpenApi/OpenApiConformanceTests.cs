using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OpenApi;

/// <summary>
/// Real requests and answers, held to the document: what the server takes and writes is what the
/// document says, field by field, for successes and for Stytch's errors.
/// </summary>
public sealed class OpenApiConformanceTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private const string StrongPassword = "correct horse battery staple of Godwit 1926";

    [Fact]
    public async Task Users_answer_as_documented()
    {
        var api = await ClientAsync();
        var email = ApiCalls.UniqueEmail("ada");

        var created = await api.ExpectOkAsync(HttpMethod.Post, "/v1/users", "/v1/users", new { email, name = new { first_name = "Ada", last_name = "Lovelace" }, trusted_metadata = new { plan = "pro" } });
        var userId = created.Text("user_id");
        await api.ExpectOkAsync(HttpMethod.Get, "/v1/users/{userId}", $"/v1/users/{userId}");
        await api.ExpectOkAsync(HttpMethod.Put, "/v1/users/{userId}", $"/v1/users/{userId}", new { untrusted_metadata = new { theme = "dark" }, name = new { first_name = "Augusta Ada" } });
        await api.ExpectOkAsync(HttpMethod.Post, "/v1/users/search", "/v1/users/search", new
        {
            limit = 10,
            query = new { @operator = "AND", operands = new[] { new { filter_name = "email_address", filter_value = new[] { email } } } },
        });
        await api.ExpectOkAsync(HttpMethod.Delete, "/v1/users/{userId}", $"/v1/users/{userId}");
    }

    [Fact]
    public async Task Passwords_and_sessions_answer_as_documented()
    {
        var api = await ClientAsync();
        var email = ApiCalls.UniqueEmail("grace");

        var created = await api.ExpectOkAsync(HttpMethod.Post, "/v1/passwords", "/v1/passwords", new { email, password = StrongPassword, session_duration_minutes = 60 });
        var token = created.Text("session_token");
        await api.ExpectOkAsync(HttpMethod.Post, "/v1/passwords/authenticate", "/v1/passwords/authenticate", new { email, password = StrongPassword });
        await api.ExpectOkAsync(HttpMethod.Post, "/v1/passwords/strength_check", "/v1/passwords/strength_check", new { password = "tr0ub4dor" });
        await api.ExpectOkAsync(HttpMethod.Post, "/v1/sessions/authenticate", "/v1/sessions/authenticate", new { session_token = token, session_duration_minutes = 60 });
        await api.ExpectOkAsync(HttpMethod.Get, "/v1/sessions", $"/v1/sessions?user_id={created.Text("user_id")}");
        await api.ExpectOkAsync(HttpMethod.Post, "/v1/sessions/revoke", "/v1/sessions/revoke", new { session_token = token });
    }

    [Fact]
    public async Task Passwordless_logins_answer_as_documented()
    {
        var api = await ClientAsync();
        var email = ApiCalls.UniqueEmail("alan");

        var otp = await api.ExpectOkAsync(HttpMethod.Post, "/v1/otps/email/login_or_create", "/v1/otps/email/login_or_create", new { email });
        await api.ExpectOkAsync(HttpMethod.Post, "/v1/otps/email/send", "/v1/otps/email/send", new { email });
        await api.ExpectOkAsync(HttpMethod.Post, "/v1/magic_links/email/send", "/v1/magic_links/email/send", new { email });
        var link = await api.ExpectOkAsync(HttpMethod.Post, "/v1/magic_links", "/v1/magic_links", new { user_id = otp.Text("user_id") });
        await api.ExpectOkAsync(HttpMethod.Post, "/v1/magic_links/authenticate", "/v1/magic_links/authenticate", new { token = link.Text("token"), session_duration_minutes = 30 });
    }

    [Fact]
    public async Task Public_and_policy_routes_answer_as_documented()
    {
        var api = await ClientAsync();
        var anonymous = new ConformingClient(godwit.Host.Anonymous, await DocumentAsync());

        await anonymous.ExpectOkAsync(HttpMethod.Get, "/v1/sessions/jwks/{projectId}", $"/v1/sessions/jwks/{godwit.Host.ProjectId}");
        await api.ExpectOkAsync(HttpMethod.Get, "/v1/rbac/policy", "/v1/rbac/policy");
    }

    [Fact]
    public async Task Errors_answer_in_the_documented_error_shape()
    {
        var api = await ClientAsync();
        var anonymous = new ConformingClient(godwit.Host.Anonymous, await DocumentAsync());

        var missing = await api.SendAsync(HttpMethod.Get, "/v1/users/{userId}", $"/v1/users/user-live-{Guid.NewGuid()}");
        var malformed = await api.SendAsync(HttpMethod.Post, "/v1/users", "/v1/users", new { email = "not an address" });
        var unauthorized = await anonymous.SendAsync(HttpMethod.Post, "/v1/users", "/v1/users", new { email = ApiCalls.UniqueEmail() });
        var badToken = await api.SendAsync(HttpMethod.Post, "/v1/sessions/authenticate", "/v1/sessions/authenticate", new { session_token = "not-a-session-token" });
        var wrongPassword = await api.SendAsync(HttpMethod.Post, "/v1/passwords/authenticate", "/v1/passwords/authenticate", new { email = ApiCalls.UniqueEmail(), password = StrongPassword });

        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (missing.Status, missing.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_email"), (malformed.Status, malformed.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (unauthorized.Status, unauthorized.ErrorType));
        Assert.True((int)badToken.Status is >= 400 and < 500, badToken.ToString());
        Assert.True((int)wrongPassword.Status is >= 400 and < 500, wrongPassword.ToString());
    }

    /// <summary>The check itself can fail: an answer with a renamed field, or a schema that wants another field, does not pass.</summary>
    [Fact]
    public async Task The_check_refuses_an_answer_that_does_not_fit()
    {
        var document = await DocumentAsync();
        var created = await godwit.Host.Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });
        var schema = document.ResponseSchema("POST", "/v1/users", 200)!;
        var renamed = JsonNode.Parse(created.Body.GetRawText())!.AsObject();
        renamed["userId"] = renamed["user_id"]!.DeepClone();
        renamed.Remove("user_id");
        var wanting = new JsonObject { ["allOf"] = new JsonArray(schema.DeepClone(), new JsonObject { ["required"] = new JsonArray("user_name") }) };
        var retyped = JsonNode.Parse(created.Body.GetRawText())!.AsObject();
        retyped["status_code"] = "200";

        Assert.Null(document.Problems(schema, created.Body));
        Assert.Contains("user_id", document.Problems(schema, Parse(renamed)), StringComparison.Ordinal);
        Assert.Contains("user_name", document.Problems(wanting, created.Body), StringComparison.Ordinal);
        Assert.NotNull(document.Problems(schema, Parse(retyped)));
        Assert.NotNull(document.Problems(document.RequestSchema("POST", "/v1/users")!, Parse(new JsonObject { ["email"] = 5 })));
    }

    private async Task<OpenApiDocument> DocumentAsync() => await OpenApiDocument.FetchAsync(godwit.Host.Anonymous);

    private async Task<ConformingClient> ClientAsync() => new(godwit.Host.Client, await DocumentAsync());

    private static JsonElement Parse(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
}
