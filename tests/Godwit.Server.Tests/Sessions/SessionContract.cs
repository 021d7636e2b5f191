using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Sessions;

/// <summary>Checking, extending, listing and revoking sessions: the same behaviour on every database.</summary>
public abstract class SessionContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task Authenticating_by_token_returns_the_session_its_token_a_jwt_and_the_user()
    {
        var started = await TestSessions.StartAsync(Host);

        var answer = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(200, answer.Body.GetProperty("status_code").GetInt32());
        Assert.StartsWith("request-id-live-", answer.Text("request_id"), StringComparison.Ordinal);
        Assert.Equal(started.Token, answer.Text("session_token"));
        Assert.Equal(3, answer.Text("session_jwt").Split('.').Length);
        Assert.Equal(started.UserId, answer.Body.GetProperty("user").GetProperty("user_id").GetString());
        var session = answer.Body.GetProperty("session");
        Assert.Matches("^session-live-[0-9a-f-]{36}$", session.GetProperty("session_id").GetString()!);
        Assert.Equal(started.SessionId, session.GetProperty("session_id").GetString());
        Assert.Equal(started.UserId, session.GetProperty("user_id").GetString());
        foreach (var field in new[] { "started_at", "last_accessed_at", "expires_at" })
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", session.GetProperty(field).GetString()!);
        }

        Assert.Equal(JsonValueKind.Object, session.GetProperty("attributes").ValueKind);
        Assert.Equal(JsonValueKind.Object, session.GetProperty("custom_claims").ValueKind);
        var factor = Assert.Single(session.GetProperty("authentication_factors").EnumerateArray());
        Assert.Equal("magic_link", factor.GetProperty("type").GetString());
        Assert.Equal("email", factor.GetProperty("delivery_method").GetString());
        Assert.Equal(started.EmailId, factor.GetProperty("email_factor").GetProperty("email_id").GetString());
        Assert.Equal(started.Email, factor.GetProperty("email_factor").GetProperty("email_address").GetString());
    }

    [Fact]
    public async Task Authenticating_by_jwt_returns_the_same_session_and_a_fresh_jwt()
    {
        var started = await TestSessions.StartAsync(Host);

        var answer = await Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = started.Jwt });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(started.SessionId, answer.Body.GetProperty("session").GetProperty("session_id").GetString());
        Assert.Equal(started.UserId, answer.Body.GetProperty("user").GetProperty("user_id").GetString());
        Assert.Equal(3, answer.Text("session_jwt").Split('.').Length);
    }

    [Fact]
    public async Task Session_duration_minutes_sets_the_expiry_that_many_minutes_from_now_and_it_stays()
    {
        var started = await TestSessions.StartAsync(Host, minutes: 30);

        var extended = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token, session_duration_minutes = 600 });
        var later = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });

        var expiresAt = Instant(extended.Body.GetProperty("session").GetProperty("expires_at"));
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddMinutes(599), DateTimeOffset.UtcNow.AddMinutes(601));
        Assert.Equal(expiresAt, Instant(later.Body.GetProperty("session").GetProperty("expires_at")));
    }

    [Fact]
    public async Task Custom_claims_merge_at_the_top_level_where_null_removes_a_claim_and_they_reach_the_jwt()
    {
        var started = await TestSessions.StartAsync(Host, customClaims: new JsonObject { ["plan"] = "pro", ["gone"] = 1 });

        var merged = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sessions/authenticate",
            $$"""{"session_token": "{{started.Token}}", "session_custom_claims": {"gone": null, "org": {"id": 7} } }""");
        var later = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });

        Assert.Equal(HttpStatusCode.OK, merged.Status);
        var expected = """{"plan":"pro","org":{"id":7}}""";
        AssertJsonEqual(expected, merged.Body.GetProperty("session").GetProperty("custom_claims"));
        AssertJsonEqual(expected, later.Body.GetProperty("session").GetProperty("custom_claims"));
        var payload = JwtParts.Payload(later.Text("session_jwt"));
        Assert.Equal("pro", payload.GetProperty("plan").GetString());
        Assert.Equal(7, payload.GetProperty("org").GetProperty("id").GetInt32());
        Assert.False(payload.TryGetProperty("gone", out _));
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("sub")]
    [InlineData("aud")]
    [InlineData("exp")]
    [InlineData("nbf")]
    [InlineData("iat")]
    [InlineData("jti")]
    [InlineData("https://stytch.com/session")]
    [InlineData("https://stytch.com/anything")]
    public async Task A_reserved_custom_claim_is_refused_and_the_session_keeps_its_claims(string claim)
    {
        var started = await TestSessions.StartAsync(Host, customClaims: new JsonObject { ["kept"] = true });

        var refused = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token, session_custom_claims = new Dictionary<string, object> { [claim] = "x" } });
        var later = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });

        Assert.Equal((HttpStatusCode.BadRequest, "reserved_claims_in_custom_claims"), (refused.Status, refused.ErrorType));
        AssertJsonEqual("""{"kept":true}""", later.Body.GetProperty("session").GetProperty("custom_claims"));
    }

    [Fact]
    public async Task Custom_claims_over_four_kilobytes_in_one_request_are_custom_claims_too_large()
    {
        var started = await TestSessions.StartAsync(Host);

        var refused = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token, session_custom_claims = new { big = new string('x', 4100) } });

        Assert.Equal((HttpStatusCode.BadRequest, "custom_claims_too_large"), (refused.Status, refused.ErrorType));
    }

    [Fact]
    public async Task Custom_claims_that_grow_past_four_kilobytes_over_several_requests_are_custom_claims_too_large()
    {
        var started = await TestSessions.StartAsync(Host, customClaims: new JsonObject { ["first"] = new string('x', 3000) });

        // Stytch limits the session's custom claims in total, not each request's share of them.
        var refused = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token, session_custom_claims = new { second = new string('y', 3000) } });
        var later = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });

        Assert.Equal((HttpStatusCode.BadRequest, "custom_claims_too_large"), (refused.Status, refused.ErrorType));
        Assert.False(later.Body.GetProperty("session").GetProperty("custom_claims").TryGetProperty("second", out _));
    }

    [Fact]
    public async Task Listing_sessions_returns_the_users_live_sessions_and_no_one_elses()
    {
        var first = await TestSessions.StartAsync(Host);
        var second = await TestSessions.StartForAsync(Host, first.UserId);
        var stranger = await TestSessions.StartAsync(Host);

        var answer = await Client.GetJsonAsync($"/v1/sessions?user_id={first.UserId}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var ids = answer.Body.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("session_id").GetString()).ToList();
        Assert.Equal(new[] { first.SessionId, second.SessionId }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(stranger.SessionId, ids);
        Assert.All(answer.Body.GetProperty("sessions").EnumerateArray(), s => Assert.Equal(first.UserId, s.GetProperty("user_id").GetString()));
    }

    [Fact]
    public async Task Listing_the_sessions_of_an_unknown_user_is_user_not_found()
    {
        var answer = await Client.GetJsonAsync($"/v1/sessions?user_id=user-live-{Guid.NewGuid():D}");

        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("session_id")]
    [InlineData("session_token")]
    [InlineData("session_jwt")]
    public async Task A_revoked_session_is_not_found_by_token_or_jwt_and_is_gone_from_the_list(string revokeBy)
    {
        var started = await TestSessions.StartAsync(Host);
        var value = revokeBy switch { "session_id" => started.SessionId, "session_token" => started.Token, _ => started.Jwt };

        var revoked = await Client.PostAsync("/v1/sessions/revoke", new Dictionary<string, string> { [revokeBy] = value });
        var byToken = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });
        var byJwt = await Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = started.Jwt });
        var listed = await Client.GetJsonAsync($"/v1/sessions?user_id={started.UserId}");
        var again = await Client.PostAsync("/v1/sessions/revoke", new { session_id = started.SessionId });

        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal(200, revoked.Body.GetProperty("status_code").GetInt32());
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (byToken.Status, byToken.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (byJwt.Status, byJwt.ErrorType));
        Assert.Empty(listed.Body.GetProperty("sessions").EnumerateArray());
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (again.Status, again.ErrorType));
    }

    [Fact]
    public async Task Revoking_one_session_leaves_the_users_other_sessions_alive()
    {
        var first = await TestSessions.StartAsync(Host);
        var second = await TestSessions.StartForAsync(Host, first.UserId);

        await Client.PostAsync("/v1/sessions/revoke", new { session_token = first.Token });
        var answer = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = second.Token });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Deleting_the_user_ends_their_sessions()
    {
        var started = await TestSessions.StartAsync(Host);

        await Client.DeleteJsonAsync($"/v1/users/{started.UserId}");
        var byToken = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });
        var byJwt = await Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = started.Jwt });

        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (byToken.Status, byToken.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (byJwt.Status, byJwt.ErrorType));
    }

    [Fact]
    public async Task A_well_formed_token_that_was_never_issued_is_session_not_found()
    {
        var answer = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = Godwit.Core.Security.SecretTokens.NewToken() });

        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (answer.Status, answer.ErrorType));
    }

    private static DateTimeOffset Instant(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private static void AssertJsonEqual(string expected, JsonElement actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, actual), $"expected {expected}, got {actual.GetRawText()}");
    }
}

public sealed class SessionOnSqlite(SqliteGodwit godwit) : SessionContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class SessionOnPostgres(PostgresGodwit godwit) : SessionContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
