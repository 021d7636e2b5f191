using System.Globalization;
using System.Net;
using Godwit.Testing.Http;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Sessions;

/// <summary>Session and JWT lifetimes, checked on both sides of every edge with a fake clock, on every database.</summary>
public abstract class SessionExpiryContract
{
    protected abstract ClockedGodwit Godwit { get; }

    private FakeTimeProvider Clock => Godwit.Clock;

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_session_works_one_second_before_it_expires_and_is_not_found_from_its_expiry_on()
    {
        var started = await TestSessions.StartAsync(Godwit.Host, minutes: 60);

        Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        var beforeByToken = await Authenticate(new { session_token = started.Token });
        var beforeByJwt = await Authenticate(new { session_jwt = started.Jwt });
        var listedBefore = await Client.GetJsonAsync($"/v1/sessions?user_id={started.UserId}");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var atByToken = await Authenticate(new { session_token = started.Token });
        var atByJwt = await Authenticate(new { session_jwt = started.Jwt });
        var listedAt = await Client.GetJsonAsync($"/v1/sessions?user_id={started.UserId}");

        Assert.Equal(HttpStatusCode.OK, beforeByToken.Status);
        Assert.Equal(HttpStatusCode.OK, beforeByJwt.Status);
        Assert.Single(listedBefore.Body.GetProperty("sessions").EnumerateArray());
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (atByToken.Status, atByToken.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (atByJwt.Status, atByJwt.ErrorType));
        Assert.Empty(listedAt.Body.GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task The_expiry_on_the_wire_is_the_start_plus_the_duration()
    {
        var startedAt = Clock.GetUtcNow();
        var started = await TestSessions.StartAsync(Godwit.Host, minutes: 45);

        var answer = await Authenticate(new { session_token = started.Token });

        var session = answer.Body.GetProperty("session");
        Assert.Equal(Rfc3339(startedAt), session.GetProperty("started_at").GetString());
        Assert.Equal(Rfc3339(startedAt.AddMinutes(45)), session.GetProperty("expires_at").GetString());
    }

    [Fact]
    public async Task Extending_a_session_moves_its_expiry_to_that_many_minutes_from_now()
    {
        var started = await TestSessions.StartAsync(Godwit.Host, minutes: 10);
        Clock.Advance(TimeSpan.FromMinutes(9));
        var extendedAt = Clock.GetUtcNow();

        var extended = await Authenticate(new { session_token = started.Token, session_duration_minutes = 30 });
        Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        var stillAlive = await Authenticate(new { session_token = started.Token });
        Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await Authenticate(new { session_token = started.Token });

        Assert.Equal(Rfc3339(extendedAt.AddMinutes(30)), extended.Body.GetProperty("session").GetProperty("expires_at").GetString());
        Assert.Equal(HttpStatusCode.OK, stillAlive.Status);
        Assert.Equal("session_not_found", expired.ErrorType);
    }

    [Fact]
    public async Task An_expired_jwt_of_a_live_session_is_accepted_and_exchanged_for_a_fresh_one()
    {
        var started = await TestSessions.StartAsync(Godwit.Host, minutes: 60);
        var oldExpiry = JwtParts.Payload(started.Jwt).GetProperty("exp").GetInt64();

        Clock.Advance(TimeSpan.FromMinutes(10));
        var answer = await Authenticate(new { session_jwt = started.Jwt });

        Assert.True(oldExpiry < Clock.GetUtcNow().ToUnixTimeSeconds(), "the presented JWT has expired");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var fresh = JwtParts.Payload(answer.Text("session_jwt"));
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeSeconds(), fresh.GetProperty("iat").GetInt64());
        Assert.Equal(Clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), fresh.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task A_jwt_never_outlives_its_session()
    {
        var started = await TestSessions.StartAsync(Godwit.Host, minutes: 5);
        Clock.Advance(TimeSpan.FromMinutes(3));

        var answer = await Authenticate(new { session_token = started.Token });

        var expiresAt = DateTimeOffset.Parse(answer.Body.GetProperty("session").GetProperty("expires_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), JwtParts.Payload(answer.Text("session_jwt")).GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task Last_accessed_at_moves_when_a_session_is_used_a_minute_or_more_later()
    {
        var startedAt = Clock.GetUtcNow();
        var started = await TestSessions.StartAsync(Godwit.Host);

        Clock.Advance(TimeSpan.FromSeconds(30));
        var soon = await Authenticate(new { session_token = started.Token });
        Clock.Advance(TimeSpan.FromSeconds(45));
        var later = await Authenticate(new { session_token = started.Token });

        Assert.Equal(Rfc3339(startedAt), soon.Body.GetProperty("session").GetProperty("last_accessed_at").GetString());
        Assert.Equal(Rfc3339(Clock.GetUtcNow()), later.Body.GetProperty("session").GetProperty("last_accessed_at").GetString());
        Assert.Equal(Rfc3339(startedAt), later.Body.GetProperty("session").GetProperty("started_at").GetString());
    }

    [Fact]
    public async Task The_new_last_accessed_at_is_stored_within_moments_of_the_check()
    {
        var started = await TestSessions.StartAsync(Godwit.Host);
        Clock.Advance(TimeSpan.FromSeconds(75));
        var accessedAt = Rfc3339(Clock.GetUtcNow());

        await Authenticate(new { session_token = started.Token });

        // Access times are written in batches about once a second, so the list catches up shortly.
        string? listed = null;
        for (var attempt = 0; attempt < 100 && listed != accessedAt; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var sessions = await Client.GetJsonAsync($"/v1/sessions?user_id={started.UserId}");
            listed = sessions.Body.GetProperty("sessions")[0].GetProperty("last_accessed_at").GetString();
        }

        Assert.Equal(accessedAt, listed);
    }

    private Task<ApiAnswer> Authenticate(object body) => Client.PostAsync("/v1/sessions/authenticate", body);

    private static string Rfc3339(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

public sealed class SessionExpiryOnSqlite(ClockedSqliteGodwit godwit) : SessionExpiryContract, IClassFixture<ClockedSqliteGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}

public sealed class SessionExpiryOnPostgres(ClockedPostgresGodwit godwit) : SessionExpiryContract, IClassFixture<ClockedPostgresGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}
