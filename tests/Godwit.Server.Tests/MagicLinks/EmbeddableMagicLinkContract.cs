using System.Net;
using Godwit.Server.Tests.Users;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>Embeddable magic links (POST /v1/magic_links): a token for the backend, single use, verifying no address, on every database.</summary>
public abstract class EmbeddableMagicLinkContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task The_token_logs_the_user_in_once_with_an_embedded_factor_and_verifies_no_address()
    {
        var email = ApiCalls.UniqueEmail("embedded");
        var user = await Client.PostAsync("/v1/users", new { email, create_user_as_pending = true });

        var created = await Client.PostAsync("/v1/magic_links", new { user_id = user.Text("user_id"), expiration_minutes = 5, attributes = new { ip_address = "203.0.113.9" } });
        var answer = await Client.PostAsync("/v1/magic_links/authenticate", new { token = created.Text("token"), session_duration_minutes = 60 });
        var again = await Client.PostAsync("/v1/magic_links/authenticate", new { token = created.Text("token") });

        Assert.True(created.Status == HttpStatusCode.OK, created.ToString());
        Assert.Equal(user.Text("user_id"), created.Text("user_id"));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", created.Text("token"));
        Assert.Equal(0, Host.EmailsTo(email));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Matches("^embedded-live-", answer.Text("method_id"));
        var factor = answer.Body.GetProperty("session").GetProperty("authentication_factors")[0];
        Assert.Equal(("magic_link", "embedded"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.Equal(answer.Text("method_id"), factor.GetProperty("embeddable_magic_link_factor").GetProperty("embedded_id").GetString());
        Assert.False(factor.TryGetProperty("email_factor", out _));
        // The backend handed the token over, not the inbox: the email stays unverified.
        var stored = await Client.GetJsonAsync($"/v1/users/{user.Text("user_id")}");
        Assert.False(stored.Body.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal("active", stored.Text("status"));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_magic_link"), (again.Status, again.ErrorType));
    }

    [Fact]
    public async Task A_user_is_named_by_external_id_too_and_a_missing_user_is_user_not_found()
    {
        var externalId = "crm-" + Guid.NewGuid().ToString("N");
        var user = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), external_id = externalId });

        var byExternalId = await Client.PostAsync("/v1/magic_links", new { user_id = externalId });
        var missing = await Client.PostAsync("/v1/magic_links", new { user_id = "user-live-00000000-0000-0000-0000-000000000000" });

        Assert.Equal(user.Text("user_id"), byExternalId.Text("user_id"));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (missing.Status, missing.ErrorType));
    }

    [Fact]
    public async Task An_embedded_login_leaves_the_users_earlier_sessions_and_second_factor_rules_alone()
    {
        // An unverified user may not enrol a second factor; an embedded login must not change that.
        var user = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });
        var created = await Client.PostAsync("/v1/magic_links", new { user_id = user.Text("user_id") });
        await Client.PostAsync("/v1/magic_links/authenticate", new { token = created.Text("token"), session_duration_minutes = 60 });

        var totp = await Client.PostAsync("/v1/totps", new { user_id = user.Text("user_id") });

        Assert.Equal((HttpStatusCode.BadRequest, "second_factor_unverified_primary_factor"), (totp.Status, totp.ErrorType));
    }

    [Theory]
    [InlineData("{}", "invalid_user_id")]
    [InlineData("{\"user_id\":\"\"}", "invalid_user_id")]
    [InlineData("{\"user_id\":42}", "invalid_user_id")]
    [InlineData("{\"user_id\":\"USER\",\"expiration_minutes\":4}", "invalid_expiration")]
    [InlineData("{\"user_id\":\"USER\",\"expiration_minutes\":10081}", "invalid_expiration")]
    [InlineData("{\"user_id\":\"USER\",\"expiration_minutes\":\"60\"}", "invalid_expiration")]
    [InlineData("{\"user_id\":\"USER\",\"attributes\":\"x\"}", "bad_request")]
    [InlineData("[\"USER\"]", "bad_request")]
    public async Task A_malformed_request_is_refused_with_stytchs_error_and_creates_no_token(string body, string errorType)
    {
        var user = await FirstLogin.ByEmailCodeAsync(Host);
        var before = await TokensOfAsync(user.UserId);

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/magic_links", body.Replace("USER", user.UserId, StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal(before, await TokensOfAsync(user.UserId));
    }

    [Fact]
    public async Task The_expiration_bounds_are_five_minutes_and_seven_days()
    {
        var user = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });

        var shortest = await Client.PostAsync("/v1/magic_links", new { user_id = user.Text("user_id"), expiration_minutes = 5 });
        var longest = await Client.PostAsync("/v1/magic_links", new { user_id = user.Text("user_id"), expiration_minutes = 10_080 });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (shortest.Status, longest.Status));
    }

    private async Task<int> TokensOfAsync(string userId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().OneTimeSecrets.CountAsync(s => s.UserId == userId, TestContext.Current.CancellationToken);
    }
}

public sealed class EmbeddableMagicLinkOnSqlite(SqliteGodwit godwit) : EmbeddableMagicLinkContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class EmbeddableMagicLinkOnPostgres(PostgresGodwit godwit) : EmbeddableMagicLinkContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
