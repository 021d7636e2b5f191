using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OAuth;

/// <summary>
/// The whole flow through a real OpenID provider and a real browser: start, the provider's pages,
/// Godwit's callback, the application's redirect URL and authenticate; and every replay of it.
/// </summary>
public abstract class OAuthFlowContract(OAuthGodwit godwit)
{
    [Fact]
    public async Task A_new_person_lands_on_the_signup_url_and_the_token_becomes_a_session_with_the_oauth_factor()
    {
        var email = OAuthTestCalls.VerifiedAccount("signup");
        var (verifier, challenge) = OAuthTestCalls.NewPkce();

        var landing = await godwit.LoginAsync(email, $"code_challenge={challenge}");

        Assert.Equal("/signup", landing.Url.AbsolutePath);
        Assert.Equal("oauth", landing.Query("stytch_token_type"));
        var answer = await godwit.AuthenticateAsync(landing.Query("token"), verifier);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer} after {landing.Callback}");
        Assert.Equal("Google", answer.Text("provider_type"));
        Assert.Equal(email, answer.Text("provider_subject"));
        Assert.False(answer.Body.GetProperty("reset_sessions").GetBoolean());
        var values = answer.Body.GetProperty("provider_values");
        Assert.NotEmpty(values.GetProperty("access_token").GetString()!);
        Assert.Equal(3, values.GetProperty("id_token").GetString()!.Split('.').Length);
        Assert.Contains("openid", values.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var user = answer.Body.GetProperty("user");
        Assert.True(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal(email, user.GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.Equal("Ada", user.GetProperty("name").GetProperty("first_name").GetString());
        var provider = user.GetProperty("providers")[0];
        Assert.Equal(answer.Text("oauth_user_registration_id"), provider.GetProperty("oauth_user_registration_id").GetString());
        Assert.Equal("en-GB", provider.GetProperty("locale").GetString());
        var factor = answer.Body.GetProperty("user_session").GetProperty("authentication_factors")[0];
        Assert.Equal("oauth", factor.GetProperty("type").GetString());
        Assert.Equal("oauth_google", factor.GetProperty("delivery_method").GetString());
        Assert.Equal(answer.Text("oauth_user_registration_id"), factor.GetProperty("google_oauth_factor").GetProperty("id").GetString());
        Assert.Equal(user.GetProperty("emails")[0].GetProperty("email_id").GetString(), factor.GetProperty("google_oauth_factor").GetProperty("email_id").GetString());

        var session = await godwit.Host.Client.PostAsync("/v1/sessions/authenticate", new { session_token = answer.Text("session_token") });
        Assert.Equal(HttpStatusCode.OK, session.Status);
    }

    [Fact]
    public async Task The_same_provider_account_logs_in_to_the_same_user_at_the_login_url()
    {
        var email = OAuthTestCalls.VerifiedAccount("again");
        var first = await godwit.AuthenticateAsync((await godwit.LoginAsync(email)).Query("token"));

        var second = await godwit.LoginAsync(email);
        var answer = await godwit.AuthenticateAsync(second.Query("token"));

        Assert.Equal("/login", second.Url.AbsolutePath);
        Assert.Equal(first.Text("user_id"), answer.Text("user_id"));
        Assert.Equal(first.Text("oauth_user_registration_id"), answer.Text("oauth_user_registration_id"));
        Assert.Single(answer.Body.GetProperty("user").GetProperty("providers").EnumerateArray());
    }

    [Fact]
    public async Task A_token_is_used_once_and_its_provider_tokens_are_handed_out_once()
    {
        var landing = await godwit.LoginAsync(OAuthTestCalls.VerifiedAccount("replay"));
        Assert.Equal(HttpStatusCode.OK, (await godwit.AuthenticateAsync(landing.Query("token"))).Status);

        var replayed = await godwit.AuthenticateAsync(landing.Query("token"));

        Assert.Equal(HttpStatusCode.NotFound, replayed.Status);
        Assert.Equal("oauth_token_not_found", replayed.ErrorType);
    }

    [Fact]
    public async Task A_wrong_or_missing_code_verifier_is_refused_and_leaves_the_token_usable()
    {
        var (verifier, challenge) = OAuthTestCalls.NewPkce();
        var landing = await godwit.LoginAsync(OAuthTestCalls.VerifiedAccount("pkce"), $"code_challenge={challenge}");
        var token = landing.Query("token");

        var wrong = await godwit.AuthenticateAsync(token, OAuthTestCalls.NewPkce().Verifier);
        var missing = await godwit.AuthenticateAsync(token);

        Assert.Equal(("pkce_mismatch", HttpStatusCode.BadRequest), (wrong.ErrorType, wrong.Status));
        Assert.Equal("pkce_expected_code_verifier", missing.ErrorType);
        Assert.Equal(HttpStatusCode.OK, (await godwit.AuthenticateAsync(token, verifier)).Status);
    }

    [Fact]
    public async Task A_code_verifier_for_a_flow_started_without_a_challenge_is_refused()
    {
        var landing = await godwit.LoginAsync(OAuthTestCalls.VerifiedAccount("nochallenge"));

        var answer = await godwit.AuthenticateAsync(landing.Query("token"), OAuthTestCalls.NewPkce().Verifier);

        Assert.Equal("pkce_did_not_expect_code_verifier", answer.ErrorType);
    }

    [Fact]
    public async Task A_replayed_callback_is_refused_because_its_state_was_used()
    {
        var landing = await godwit.LoginAsync(OAuthTestCalls.VerifiedAccount("state"));
        Assert.NotNull(landing.Callback);
        using var client = godwit.NoRedirects();

        var replayed = await client.GetJsonAsync(landing.Callback!.PathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Equal("oauth_invalid_state", replayed.ErrorType);
    }

    [Fact]
    public async Task A_forged_or_missing_state_is_refused()
    {
        using var client = godwit.NoRedirects();

        var forged = await client.GetJsonAsync($"/v1/public/oauth/google/callback?state={Godwit.Core.Security.SecretTokens.NewToken()}&code=abc");
        var missing = await client.GetJsonAsync("/v1/public/oauth/google/callback?code=abc");

        Assert.Equal("oauth_invalid_state", forged.ErrorType);
        Assert.Equal("oauth_invalid_state", missing.ErrorType);
    }

    [Fact]
    public async Task A_state_brought_back_under_another_providers_callback_is_refused_and_stays_usable()
    {
        using var client = godwit.NoRedirects();
        var start = await client.GetAsync(new Uri(godwit.StartUrl()), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var state = System.Web.HttpUtility.ParseQueryString(start.Headers.Location!.Query)["state"];

        var mixed = await client.GetJsonAsync($"/v1/public/oauth/acme/callback?state={state}&code=abc");
        var own = await client.GetAsync(new Uri(godwit.Host.BaseUrl, $"/v1/public/oauth/google/callback?state={state}&error=access_denied"), TestContext.Current.CancellationToken);

        Assert.Equal("oauth_invalid_state", mixed.ErrorType);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Contains("error=oauth_provider_error", own.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_at_the_provider_returns_to_the_login_url_with_an_error_and_no_token()
    {
        var landing = await godwit.LoginAsync(OAuthTestCalls.VerifiedAccount("deny"), deny: true);

        Assert.Equal("/login", landing.Url.AbsolutePath);
        Assert.Equal("oauth_provider_error", landing.Query("error"));
        Assert.Null(landing.Query("token"));
    }

    [Fact]
    public async Task The_generic_provider_logs_in_under_its_own_name_with_the_oidc_factor()
    {
        var landing = await godwit.LoginAsync(OAuthTestCalls.VerifiedAccount("acme"), provider: "acme");

        var answer = await godwit.AuthenticateAsync(landing.Query("token"));

        Assert.Equal("acme", answer.Text("provider_type"));
        var factor = answer.Body.GetProperty("user_session").GetProperty("authentication_factors")[0];
        Assert.Equal("oauth_oidc", factor.GetProperty("delivery_method").GetString());
        Assert.Equal(answer.Text("oauth_user_registration_id"), factor.GetProperty("oidc_oauth_factor").GetProperty("id").GetString());
    }
}

public sealed class SqliteOAuthFlowTests(SqliteOAuthGodwit godwit) : OAuthFlowContract(godwit), IClassFixture<SqliteOAuthGodwit>;

public sealed class PostgresOAuthFlowTests(PostgresOAuthGodwit godwit) : OAuthFlowContract(godwit), IClassFixture<PostgresOAuthGodwit>;
