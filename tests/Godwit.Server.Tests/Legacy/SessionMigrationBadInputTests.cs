using System.Net;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>Malformed sessions/migrate requests, and Godwits where session migration cannot work.</summary>
public sealed class SessionMigrationBadInputTests(OidcSqliteGodwit godwit) : IClassFixture<OidcSqliteGodwit>
{
    private HttpClient Client => godwit.Host.Client;

    [Theory]
    [InlineData("{}", "invalid_session_token")]
    [InlineData("""{"session_token": ""}""", "invalid_session_token")]
    [InlineData("""{"session_token": 42}""", "invalid_session_token")]
    [InlineData("""{"session_token": "has a space"}""", "invalid_session_token")]
    [InlineData("""{"session_token": "line\r\nInjected: header"}""", "invalid_session_token")]
    [InlineData("""{"session_token": "caf\u00e9"}""", "invalid_session_token")]
    [InlineData("""{"session_token": "legacy-token", "session_duration_minutes": 1}""", "invalid_session_duration_minutes")]
    [InlineData("""{"session_token": "legacy-token", "session_duration_minutes": "60"}""", "invalid_session_duration_minutes")]
    [InlineData("""{"session_token": "legacy-token", "session_custom_claims": "claims"}""", "bad_request")]
    [InlineData("""{"session_token": "legacy-token", "session_custom_claims": {"sub": "someone-else"}}""", "reserved_claims_in_custom_claims")]
    [InlineData("""{"session_token": "legacy-token", "telemetry_id": 7}""", "bad_request")]
    [InlineData("""["session_token"]""", "bad_request")]
    [InlineData("""{"session_token": """, "bad_request")]
    public async Task A_malformed_request_is_a_400_with_a_precise_error_type_and_never_reaches_the_legacy_system(string body, string errorType)
    {
        var before = godwit.Legacy.UserInfoCalls;

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sessions/migrate", body);

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal(before, godwit.Legacy.UserInfoCalls);
    }

    [Fact]
    public async Task A_token_longer_than_8192_characters_is_refused()
    {
        var answer = await Client.PostAsync("/v1/sessions/migrate", new { session_token = new string('a', 8193) });

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_session_token"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task Without_project_credentials_the_answer_is_unauthorized_credentials()
    {
        var answer = await godwit.Host.Anonymous.PostAsync("/v1/sessions/migrate", new { session_token = "legacy-token" });

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task Without_any_legacy_source_configured_the_answer_is_session_migration_not_configured()
    {
        await using var plain = await GodwitHost.StartAsync();

        var answer = await plain.Client.PostAsync("/v1/sessions/migrate", new { session_token = "legacy-token" });

        Assert.Equal((HttpStatusCode.BadRequest, "session_migration_not_configured"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task An_unreachable_userinfo_endpoint_is_legacy_session_check_unavailable()
    {
        await using var unreachable = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Godwit:Migration:UserInfoUrl"] = $"http://127.0.0.1:{FreePort.Next()}/userinfo" },
        });

        var answer = await unreachable.Client.PostAsync("/v1/sessions/migrate", new { session_token = "legacy-token" });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_session_check_unavailable"), (answer.Status, answer.ErrorType));
    }
}
