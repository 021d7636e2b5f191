using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Sessions;

/// <summary>Malformed requests to the sessions endpoints get a precise 4xx, never a 500, and change no session.</summary>
public sealed class SessionBadInputTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/v1/sessions/authenticate"),
        ("POST", "/v1/sessions/revoke"),
        ("GET", $"/v1/sessions?user_id=user-live-{Guid.NewGuid():D}"),
    ];

    private HttpClient Client => godwit.Host.Client;

    public static TheoryData<string, string> BodyEndpoints => new(Endpoints);

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Malformed_json_is_bad_request(string method, string path)
    {
        var answer = await Client.SendJsonAsync(new HttpMethod(method), path, """{"session_token": """);

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task A_body_that_is_not_a_json_object_is_bad_request(string method, string path)
    {
        foreach (var body in new[] { "[]", "\"token\"", "0", "null" })
        {
            var answer = await Client.SendJsonAsync(new HttpMethod(method), path, body);

            Assert.True((answer.Status, answer.ErrorType) == (HttpStatusCode.BadRequest, "bad_request"), $"{body}: {answer}");
        }
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task A_body_over_one_mebibyte_is_request_too_large(string method, string path)
    {
        var answer = await Client.SendJsonAsync(new HttpMethod(method), path, $$"""{"session_token": "{{new string('t', 1024 * 1024 + 10)}}"}""");

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "request_too_large"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("""{"session_token": 5}""", "invalid_session_token")]
    [InlineData("""{"session_jwt": 5}""", "unable_to_parse_session_jwt")]
    [InlineData("""{"session_token": "TOKEN", "session_duration_minutes": "10"}""", "invalid_session_duration_minutes")]
    [InlineData("""{"session_token": "TOKEN", "session_duration_minutes": 10.5}""", "invalid_session_duration_minutes")]
    [InlineData("""{"session_token": "TOKEN", "session_duration_minutes": 4}""", "invalid_session_duration_minutes")]
    [InlineData("""{"session_token": "TOKEN", "session_duration_minutes": 527041}""", "invalid_session_duration_minutes")]
    [InlineData("""{"session_token": "TOKEN", "session_duration_minutes": 0}""", "invalid_session_duration_minutes")]
    [InlineData("""{"session_token": "TOKEN", "session_jwt": "JWT"}""", "too_many_session_arguments")]
    [InlineData("""{}""", "no_session_arguments")]
    [InlineData("""{"session_duration_minutes": 60}""", "no_session_arguments")]
    public async Task Authenticate_with_a_wrong_field_is_refused_precisely_and_leaves_the_session_unchanged(string template, string errorType)
    {
        var started = await TestSessions.StartAsync(godwit.Host, minutes: 30);
        var before = await Client.GetJsonAsync($"/v1/sessions?user_id={started.UserId}");

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sessions/authenticate", template.Replace("TOKEN", started.Token, StringComparison.Ordinal).Replace("JWT", started.Jwt, StringComparison.Ordinal));
        var after = await Client.GetJsonAsync($"/v1/sessions?user_id={started.UserId}");

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal(before.Body.GetProperty("sessions").GetRawText(), after.Body.GetProperty("sessions").GetRawText());
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"claims\"")]
    [InlineData("5")]
    public async Task Custom_claims_that_are_not_an_object_are_a_client_error(string claims)
    {
        var started = await TestSessions.StartAsync(godwit.Host);

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sessions/authenticate", $$"""{"session_token": "{{started.Token}}", "session_custom_claims": {{claims}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    public async Task Revoke_without_any_session_argument_is_no_session_revoke_arguments()
    {
        var answer = await Client.PostAsync("/v1/sessions/revoke", new { });

        Assert.Equal((HttpStatusCode.BadRequest, "no_session_revoke_arguments"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task Revoke_with_two_session_arguments_is_too_many_session_revoke_arguments_and_revokes_nothing()
    {
        var started = await TestSessions.StartAsync(godwit.Host);

        var answer = await Client.PostAsync("/v1/sessions/revoke", new { session_id = started.SessionId, session_token = started.Token });
        var stillAlive = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });

        Assert.Equal(HttpStatusCode.OK, stillAlive.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "too_many_session_revoke_arguments"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("not-a-session")]
    [InlineData("session-live-NOT-A-UUID")]
    [InlineData("user-live-00000000-0000-0000-0000-000000000000")]
    public async Task Revoke_by_a_malformed_session_id_is_invalid_session_id(string sessionId)
    {
        var answer = await Client.PostAsync("/v1/sessions/revoke", new { session_id = sessionId });

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_session_id"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task Revoke_by_a_session_id_that_does_not_exist_is_session_not_found()
    {
        var answer = await Client.PostAsync("/v1/sessions/revoke", new { session_id = $"session-live-{Guid.NewGuid():D}" });

        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("""{"session_id": 5}""", "invalid_session_id")]
    [InlineData("""{"session_token": 5}""", "invalid_session_token")]
    [InlineData("""{"session_jwt": ["x"]}""", "unable_to_parse_session_jwt")]
    public async Task Revoke_with_a_wrong_type_is_refused_precisely(string json, string errorType)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sessions/revoke", json);

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("/v1/sessions")]
    [InlineData("/v1/sessions?user_id=")]
    public async Task Listing_sessions_without_a_user_id_is_invalid_user_id(string path)
    {
        var answer = await Client.GetJsonAsync(path);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_user_id"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task Wrong_credentials_are_unauthorized_on_every_sessions_endpoint_but_the_jwks()
    {
        foreach (var (method, path) in Endpoints)
        {
            var answer = await godwit.Host.Anonymous.SendJsonAsync(new HttpMethod(method), path, "{}");

            Assert.True((answer.Status, answer.ErrorType) == (HttpStatusCode.Unauthorized, "unauthorized_credentials"), $"{method} {path}: {answer}");
        }

        Assert.Equal(HttpStatusCode.OK, (await godwit.Host.Anonymous.GetJsonAsync($"/v1/sessions/jwks/{godwit.Host.ProjectId}")).Status);
    }
}
