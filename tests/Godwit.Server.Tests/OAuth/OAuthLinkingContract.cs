using System.Net;
using Godwit.Core.OAuth;
using Godwit.Server.Tests.Users;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.OAuth;

/// <summary>Which user a provider login lands on: the linking rules, attach, and unlinking.</summary>
public abstract class OAuthLinkingContract(OAuthGodwit godwit)
{
    private HttpClient Client => godwit.Host.Client;

    [Fact]
    public async Task An_unverified_provider_email_never_joins_the_existing_user_holding_it()
    {
        var email = ApiCalls.UniqueEmail("victim");
        var victim = await TestUsers.CreateIdAsync(Client, new { email });

        var landing = await godwit.LoginAsync("u:" + email);

        Assert.Equal("/login", landing.Url.AbsolutePath);
        Assert.Equal("oauth_unverified_email_in_use", landing.Query("error"));
        Assert.Null(landing.Query("token"));
        var user = await Client.GetJsonAsync($"/v1/users/{victim}");
        Assert.Empty(user.Body.GetProperty("providers").EnumerateArray());
        Assert.False(user.Body.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task An_unverified_provider_email_nobody_holds_makes_a_new_user_whose_email_stays_unverified()
    {
        var email = ApiCalls.UniqueEmail("unverified");

        var landing = await godwit.LoginAsync("u:" + email);
        var answer = await godwit.AuthenticateAsync(landing.Query("token"));

        Assert.Equal("/signup", landing.Url.AbsolutePath);
        var user = answer.Body.GetProperty("user");
        Assert.Equal(email, user.GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.False(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        var factor = answer.Body.GetProperty("user_session").GetProperty("authentication_factors")[0].GetProperty("google_oauth_factor");
        // The provider vouched for no email, so the factor names none.
        Assert.True(!factor.TryGetProperty("email_id", out var emailId) || emailId.ValueKind == System.Text.Json.JsonValueKind.Null || emailId.GetString() == "");
    }

    [Fact]
    public async Task A_verified_provider_email_joins_its_user_verifies_the_email_and_ends_sessions_started_before_any_proof()
    {
        var email = ApiCalls.UniqueEmail("claimed");
        // Someone registered the address with a password and holds a session, never having proved it.
        var squatter = await Client.PostAsync("/v1/passwords", new { email, password = "a-Long-and-Unusual-passphrase-91", session_duration_minutes = 60 });
        Assert.Equal(HttpStatusCode.OK, squatter.Status);

        var landing = await godwit.LoginAsync(email);
        var answer = await godwit.AuthenticateAsync(landing.Query("token"));

        Assert.Equal("/login", landing.Url.AbsolutePath);
        Assert.Equal(squatter.Text("user_id"), answer.Text("user_id"));
        Assert.True(answer.Body.GetProperty("reset_sessions").GetBoolean());
        Assert.True(answer.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        var old = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = squatter.Text("session_token") });
        Assert.Equal("session_not_found", old.ErrorType);
        var password = await Client.PostAsync("/v1/passwords/authenticate", new { email, password = "a-Long-and-Unusual-passphrase-91" });
        Assert.Equal("reset_password", password.ErrorType);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/v1/sessions/authenticate", new { session_token = answer.Text("session_token") })).Status);
    }

    [Fact]
    public async Task An_attach_token_links_a_provider_account_without_an_email_to_the_named_user_once()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { phone_number = ApiCalls.UniquePhone() });
        var attach = await Client.PostAsync("/v1/oauth/attach", new { provider = "google", user_id = userId });
        Assert.Equal(HttpStatusCode.OK, attach.Status);
        var token = attach.Text("oauth_attach_token");

        var landing = await godwit.LoginAsync("none:" + Guid.NewGuid().ToString("N"), $"oauth_attach_token={token}");
        var answer = await godwit.AuthenticateAsync(landing.Query("token"));

        Assert.Equal("/login", landing.Url.AbsolutePath);
        Assert.Equal(userId, answer.Text("user_id"));
        using var client = godwit.NoRedirects();
        var replayed = await client.GetJsonAsync(new Uri(godwit.StartUrl(extra: $"oauth_attach_token={token}")).PathAndQuery);
        Assert.Equal((HttpStatusCode.NotFound, "oauth_attach_token_not_found"), (replayed.Status, replayed.ErrorType));
    }

    [Fact]
    public async Task An_attach_token_is_for_its_provider_only()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("attach") });
        var attach = await Client.PostAsync("/v1/oauth/attach", new { provider = "acme", user_id = userId });
        using var client = godwit.NoRedirects();

        var answer = await client.GetJsonAsync(new Uri(godwit.StartUrl("google", $"oauth_attach_token={attach.Text("oauth_attach_token")}")).PathAndQuery);

        Assert.Equal("oauth_attach_token_not_found", answer.ErrorType);
    }

    [Fact]
    public async Task Attach_takes_exactly_one_way_of_naming_the_user_and_a_configured_provider()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("attach") });

        var none = await Client.PostAsync("/v1/oauth/attach", new { provider = "google" });
        var two = await Client.PostAsync("/v1/oauth/attach", new { provider = "google", user_id = userId, session_token = "x" });
        var unknownProvider = await Client.PostAsync("/v1/oauth/attach", new { provider = "myspace", user_id = userId });
        var unknownUser = await Client.PostAsync("/v1/oauth/attach", new { provider = "google", user_id = "user-live-00000000-0000-0000-0000-000000000000" });

        Assert.Equal("too_many_user_arguments", none.ErrorType);
        Assert.Equal("too_many_user_arguments", two.ErrorType);
        Assert.Equal("invalid_oauth_provider", unknownProvider.ErrorType);
        Assert.Equal("user_not_found", unknownUser.ErrorType);
    }

    [Fact]
    public async Task Concurrent_first_logins_of_one_provider_account_make_one_user()
    {
        var email = ApiCalls.UniqueEmail("race");
        var identity = new ProviderIdentity("Google", email, email, true, "Ada", "Lovelace", null, null, new ProviderTokens("a", "", "i", [], null));

        var logins = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var scope = godwit.Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OAuthLinking>().LinkAsync(identity, null, TestContext.Current.CancellationToken);
        }));

        Assert.All(logins, login => Assert.True(login.Succeeded, login.Error?.ErrorType));
        Assert.Single(logins.Select(login => login.Value.User.UserId).Distinct());
        Assert.Single(logins, login => login.Value.UserCreated);
    }

    [Fact]
    public async Task Deleting_a_registration_unlinks_it_once()
    {
        var answer = await godwit.AuthenticateAsync((await godwit.LoginAsync(OAuthTestCalls.VerifiedAccount("unlink"))).Query("token"));
        var id = answer.Text("oauth_user_registration_id");

        var deleted = await Client.DeleteJsonAsync($"/v1/users/oauth/{id}");
        var again = await Client.DeleteJsonAsync($"/v1/users/oauth/{id}");
        var malformed = await Client.DeleteJsonAsync("/v1/users/oauth/not-an-id");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(answer.Text("user_id"), deleted.Text("user_id"));
        Assert.Empty(deleted.Body.GetProperty("user").GetProperty("providers").EnumerateArray());
        Assert.Equal((HttpStatusCode.NotFound, "oauth_user_registration_not_found"), (again.Status, again.ErrorType));
        Assert.Equal("invalid_oauth_user_registration_id", malformed.ErrorType);
    }
}

public sealed class SqliteOAuthLinkingTests(SqliteOAuthGodwit godwit) : OAuthLinkingContract(godwit), IClassFixture<SqliteOAuthGodwit>;

public sealed class PostgresOAuthLinkingTests(PostgresOAuthGodwit godwit) : OAuthLinkingContract(godwit), IClassFixture<PostgresOAuthGodwit>;
