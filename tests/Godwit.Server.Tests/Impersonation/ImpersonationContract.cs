using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Godwit.Core.Impersonation;
using Godwit.Server.Tests.Rbac;
using Godwit.Server.Tests.Sessions;
using Godwit.Server.Tests.Users;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Impersonation;

/// <summary>Minting, using and auditing impersonation tokens on every database, with a fake clock.</summary>
public abstract class ImpersonationContract
{
    protected abstract PolicyGodwit Godwit { get; }

    private FakeTimeProvider Clock => Godwit.Clock;

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_token_logs_in_as_the_user_on_a_60_minute_session_whose_factor_names_the_impersonator()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("impersonated"), roles = new[] { "viewer" } });
        var minted = await MintAsync(userId);

        var answer = await Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = minted.Text("impersonation_token") });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(userId, answer.Text("user_id"));
        Assert.Equal(userId, answer.Body.GetProperty("user").GetProperty("user_id").GetString());
        Assert.Equal(43, answer.Text("session_token").Length);
        var session = answer.Body.GetProperty("session");
        Assert.Equal(Clock.GetUtcNow().AddMinutes(60), DateTimeOffset.Parse(session.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["stytch_user", "viewer"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        AssertImpersonatedFactor(Assert.Single(session.GetProperty("authentication_factors").EnumerateArray()));
        var claim = JwtParts.Payload(answer.Text("session_jwt")).GetProperty("https://stytch.com/session");
        AssertImpersonatedFactor(Assert.Single(claim.GetProperty("authentication_factors").EnumerateArray()));
        var checkedSession = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = answer.Text("session_token") });
        AssertImpersonatedFactor(Assert.Single(checkedSession.Body.GetProperty("session").GetProperty("authentication_factors").EnumerateArray()));
    }

    [Fact]
    public async Task The_audit_record_says_who_asked_for_whom_why_when_and_which_session_it_started()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("audited") });
        var minted = await MintAsync(userId);
        var mintedAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(2));
        var used = await Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = minted.Text("impersonation_token") });

        var listed = await Client.GetJsonAsync($"/v1/impersonation?user_id={userId}");

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var record = Assert.Single(listed.Body.GetProperty("impersonations").EnumerateArray());
        Assert.Equal(minted.Text("impersonation_id"), record.GetProperty("impersonation_id").GetString());
        Assert.Equal(("admin-42", "support@godwit.test", "Ticket 1234: cannot see invoices"), (
            record.GetProperty("impersonator_id").GetString(), record.GetProperty("impersonator_email_address").GetString(), record.GetProperty("reason").GetString()));
        Assert.Equal(Rfc3339(mintedAt), record.GetProperty("created_at").GetString());
        Assert.Equal(Rfc3339(mintedAt.AddMinutes(5)), record.GetProperty("expires_at").GetString());
        Assert.Equal(minted.Text("expires_at"), record.GetProperty("expires_at").GetString());
        Assert.Equal(Rfc3339(Clock.GetUtcNow()), record.GetProperty("used_at").GetString());
        Assert.Equal(used.Body.GetProperty("session").GetProperty("session_id").GetString(), record.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task The_token_is_stored_only_as_its_sha256_hash()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("hashed") });
        var minted = await MintAsync(userId);
        var token = minted.Text("impersonation_token");

        var row = await RecordAsync(minted.Text("impersonation_id"));

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), row.TokenHash);
        Assert.DoesNotContain(token, JsonSerializer.Serialize(row), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_works_once_and_a_second_use_is_refused_without_a_second_session()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("once") });
        var token = (await MintAsync(userId)).Text("impersonation_token");

        var first = await Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = token });
        var second = await Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = token });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_impersonation_token"), (second.Status, second.ErrorType));
        var sessions = await Client.GetJsonAsync($"/v1/sessions?user_id={userId}");
        Assert.Single(sessions.Body.GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task Two_simultaneous_uses_of_one_token_start_one_session()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("race") });
        var token = (await MintAsync(userId)).Text("impersonation_token");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = token })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("unable_to_auth_impersonation_token", a.ErrorType));
        var sessions = await Client.GetJsonAsync($"/v1/sessions?user_id={userId}");
        Assert.Single(sessions.Body.GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task A_token_works_until_one_second_before_expiry_and_not_at_expiry()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("expiry") });
        var early = (await MintAsync(userId)).Text("impersonation_token");
        var late = (await MintAsync(userId)).Text("impersonation_token");

        Clock.Advance(TimeSpan.FromMinutes(ImpersonationService.DefaultTokenMinutes) - TimeSpan.FromSeconds(1));
        var beforeExpiry = await Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = early });
        Clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = late });

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_impersonation_token"), (atExpiry.Status, atExpiry.ErrorType));
    }

    [Fact]
    public async Task An_impersonated_session_is_not_extended_by_a_session_check_asking_for_more_minutes()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("capped") });
        var started = await Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = (await MintAsync(userId)).Text("impersonation_token") });
        var expiresAt = started.Body.GetProperty("session").GetProperty("expires_at").GetString();
        Clock.Advance(TimeSpan.FromMinutes(30));

        var extended = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Text("session_token"), session_duration_minutes = 600 });

        Assert.Equal(HttpStatusCode.OK, extended.Status);
        Assert.Equal(expiresAt, extended.Body.GetProperty("session").GetProperty("expires_at").GetString());
        Clock.Advance(TimeSpan.FromMinutes(30));
        var ended = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Text("session_token") });
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (ended.Status, ended.ErrorType));
    }

    [Fact]
    public async Task A_token_minted_by_another_godwit_project_is_refused_here()
    {
        await using var other = await GodwitHost.StartAsync(new GodwitHostOptions { Settings = PolicyGodwit.PolicySettings });
        var elsewhere = await TestUsers.CreateIdAsync(other.Client, new { email = ApiCalls.UniqueEmail("elsewhere") });
        var foreign = await other.Client.PostAsync("/v1/impersonation", MintBody(elsewhere));

        var answer = await Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = foreign.Text("impersonation_token") });

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_impersonation_token"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("{\"impersonator_id\":\"admin\",\"reason\":\"why\"}", HttpStatusCode.BadRequest, "invalid_user_id")]
    [InlineData("{\"user_id\":\"USER\",\"reason\":\"why\"}", HttpStatusCode.BadRequest, "invalid_impersonator_id")]
    [InlineData("{\"user_id\":\"USER\",\"impersonator_id\":\"   \",\"reason\":\"why\"}", HttpStatusCode.BadRequest, "invalid_impersonator_id")]
    [InlineData("{\"user_id\":\"USER\",\"impersonator_id\":\"admin\"}", HttpStatusCode.BadRequest, "invalid_impersonation_reason")]
    [InlineData("{\"user_id\":\"USER\",\"impersonator_id\":\"admin\",\"reason\":\" \"}", HttpStatusCode.BadRequest, "invalid_impersonation_reason")]
    [InlineData("{\"user_id\":\"USER\",\"impersonator_id\":\"admin\",\"reason\":\"why\",\"expiration_minutes\":11}", HttpStatusCode.BadRequest, "invalid_expiration")]
    [InlineData("{\"user_id\":\"USER\",\"impersonator_id\":\"admin\",\"reason\":\"why\",\"expiration_minutes\":0}", HttpStatusCode.BadRequest, "invalid_expiration")]
    [InlineData("{\"user_id\":\"USER\",\"impersonator_id\":\"admin\",\"reason\":\"why\",\"expiration_minutes\":\"5\"}", HttpStatusCode.BadRequest, "invalid_expiration")]
    [InlineData("{\"user_id\":\"USER\",\"impersonator_id\":\"admin\",\"reason\":\"why\",\"impersonator_email_address\":\"not-an-email\"}", HttpStatusCode.BadRequest, "invalid_email")]
    [InlineData("{\"user_id\":\"USER\",\"impersonator_id\":7,\"reason\":\"why\"}", HttpStatusCode.BadRequest, "invalid_impersonator_id")]
    [InlineData("{\"user_id\":\"user-live-00000000-0000-4000-8000-000000000000\",\"impersonator_id\":\"admin\",\"reason\":\"why\"}", HttpStatusCode.NotFound, "user_not_found")]
    public async Task A_bad_minting_request_is_refused_precisely_and_records_nothing(string json, HttpStatusCode status, string errorType)
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("bad-mint") });

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/impersonation", json.Replace("USER", userId, StringComparison.Ordinal));

        Assert.Equal((status, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal(0, await CountRecordsAsync(userId));
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest, "invalid_impersonation_token")]
    [InlineData("{\"impersonation_token\":\"\"}", HttpStatusCode.BadRequest, "invalid_impersonation_token")]
    [InlineData("{\"impersonation_token\":42}", HttpStatusCode.BadRequest, "invalid_impersonation_token")]
    [InlineData("{\"impersonation_token\":\"short\"}", HttpStatusCode.BadRequest, "invalid_impersonation_token")]
    [InlineData("{\"impersonation_token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", HttpStatusCode.Unauthorized, "unable_to_auth_impersonation_token")]
    public async Task A_bad_or_unknown_token_is_refused_precisely(string json, HttpStatusCode status, string errorType)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/impersonation/authenticate", json);

        Assert.Equal((status, errorType), (answer.Status, answer.ErrorType));
    }

    private static object MintBody(string userId) => new
    {
        user_id = userId,
        impersonator_id = "admin-42",
        impersonator_email_address = "support@godwit.test",
        reason = "Ticket 1234: cannot see invoices",
    };

    private static void AssertImpersonatedFactor(JsonElement factor)
    {
        Assert.Equal(("impersonated", "impersonation"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        var impersonated = factor.GetProperty("impersonated_factor");
        Assert.Equal(("admin-42", "support@godwit.test"), (impersonated.GetProperty("impersonator_id").GetString(), impersonated.GetProperty("impersonator_email_address").GetString()));
    }

    private static string Rfc3339(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<ApiAnswer> MintAsync(string userId)
    {
        var minted = await Client.PostAsync("/v1/impersonation", MintBody(userId));
        Assert.True(minted.Status == HttpStatusCode.OK, minted.ToString());
        return minted;
    }

    private async Task<ImpersonationGrant> RecordAsync(string impersonationId)
    {
        await using var scope = Godwit.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        return await db.Impersonations.AsNoTracking().SingleAsync(i => i.ImpersonationId == impersonationId, TestContext.Current.CancellationToken);
    }

    private async Task<int> CountRecordsAsync(string userId)
    {
        await using var scope = Godwit.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        return await db.Impersonations.CountAsync(i => i.UserId == userId, TestContext.Current.CancellationToken);
    }
}

public sealed class ImpersonationOnSqlite(PolicySqliteGodwit godwit) : ImpersonationContract, IClassFixture<PolicySqliteGodwit>
{
    protected override PolicyGodwit Godwit => godwit;
}

public sealed class ImpersonationOnPostgres(PolicyPostgresGodwit godwit) : ImpersonationContract, IClassFixture<PolicyPostgresGodwit>
{
    protected override PolicyGodwit Godwit => godwit;
}

/// <summary>Impersonation is off unless the project turns it on, as at Stytch.</summary>
public sealed class ImpersonationDisabledTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    [Fact]
    public async Task Without_the_setting_minting_and_authenticating_are_refused_and_nothing_is_recorded()
    {
        var userId = await TestUsers.CreateIdAsync(godwit.Host.Client, new { email = ApiCalls.UniqueEmail("disabled") });

        var minted = await godwit.Host.Client.PostAsync("/v1/impersonation", new { user_id = userId, impersonator_id = "admin", reason = "why" });
        var used = await godwit.Host.Client.PostAsync("/v1/impersonation/authenticate", new { impersonation_token = new string('A', 43) });

        Assert.Equal((HttpStatusCode.Forbidden, "impersonation_not_enabled"), (minted.Status, minted.ErrorType));
        Assert.Equal((HttpStatusCode.Forbidden, "impersonation_not_enabled"), (used.Status, used.ErrorType));
        await using var scope = godwit.Host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Impersonations.CountAsync(TestContext.Current.CancellationToken));
    }
}
