using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OAuth;

/// <summary>The start endpoint: what it sends to the provider, and every malformed request it refuses (4xx, nothing stored).</summary>
public abstract class OAuthStartContract(OAuthGodwit godwit)
{
    private async Task<ApiAnswer> StartAsync(string query, string provider = "google")
    {
        using var client = godwit.NoRedirects();
        return await client.GetJsonAsync($"/v1/public/oauth/{provider}/start?{query}");
    }

    private string Redirects => $"login_redirect_url={Uri.EscapeDataString(godwit.Provider.AppOrigin + "/login")}";

    [Fact]
    public async Task The_start_sends_the_person_to_the_provider_with_state_nonce_pkce_and_the_apps_extras()
    {
        using var client = godwit.NoRedirects();

        var start = await client.GetAsync(
            new Uri(godwit.StartUrl(extra: "custom_scopes=offline_access%20address&provider_prompt=consent&provider_login_hint=ada")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!;
        Assert.StartsWith(godwit.Provider.Issuer, location.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("godwit-google", query["client_id"]);
        Assert.Equal($"{godwit.Host.BaseUrl.ToString().TrimEnd('/')}/v1/public/oauth/google/callback", query["redirect_uri"]);
        Assert.Equal("openid email profile offline_access address", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["state"]!.Length);
        Assert.Equal(43, query["nonce"]!.Length);
        Assert.Equal(43, query["code_challenge"]!.Length);
        Assert.Equal("consent", query["prompt"]);
        Assert.Equal("ada", query["login_hint"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("public_token=public-token-live-00000000-0000-0000-0000-000000000000")]
    [InlineData("public_token=")]
    public async Task A_missing_or_wrong_public_token_is_refused(string query)
    {
        var answer = await StartAsync($"{query}&{Redirects}");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_public_token"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("login_redirect_url=https%3A%2F%2Fevil.example%2Flogin", "no_match_for_provided_oauth_url")]
    [InlineData("signup_redirect_url=https%3A%2F%2Fevil.example%2Fsignup", "no_match_for_provided_oauth_url")]
    [InlineData("login_redirect_url=javascript%3Aalert(1)", "invalid_url")]
    [InlineData("custom_scopes=%22quoted%22", "invalid_custom_scopes")]
    [InlineData("provider_redirect_uri=https%3A%2F%2Fevil.example", "invalid_provider_parameter")]
    [InlineData("provider_state=mine", "invalid_provider_parameter")]
    [InlineData("provider_=x", "invalid_provider_parameter")]
    [InlineData("code_challenge=short", "invalid_pkce_code_challenge")]
    [InlineData("oauth_attach_token=not-a-token", "oauth_attach_token_not_found")]
    [InlineData("unknown_parameter=1", "bad_request")]
    [InlineData("custom_scopes=a&custom_scopes=b", "bad_request")]
    public async Task A_malformed_start_is_refused_with_its_error_type(string extra, string errorType)
    {
        var redirects = extra.StartsWith("login_redirect_url", StringComparison.Ordinal) ? "" : Redirects + "&";
        var answer = await StartAsync($"public_token={OAuthGodwit.PublicToken}&{redirects}{extra}");

        Assert.True((int)answer.Status is >= 400 and < 500, answer.ToString());
        Assert.Equal(errorType, answer.ErrorType);
    }

    [Theory]
    [InlineData("github", "github_oauth_config_not_found")]
    [InlineData("myspace", "oauth_config_not_found")]
    public async Task A_provider_that_is_not_configured_is_refused(string provider, string errorType)
    {
        var answer = await StartAsync($"public_token={OAuthGodwit.PublicToken}&{Redirects}", provider);

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task The_start_needs_no_project_credential_and_the_backend_calls_need_one()
    {
        var attach = await godwit.Host.Anonymous.PostAsync("/v1/oauth/attach", new { provider = "google", user_id = "x" });
        var authenticate = await godwit.Host.Anonymous.PostAsync("/v1/oauth/authenticate", new { token = "x" });

        Assert.Equal("unauthorized_credentials", attach.ErrorType);
        Assert.Equal("unauthorized_credentials", authenticate.ErrorType);
    }

    [Theory]
    [InlineData("{}", "invalid_token")]
    [InlineData("{\"token\":\"short\"}", "oauth_token_not_found")]
    [InlineData("{\"token\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "oauth_token_not_found")]
    [InlineData("{\"token\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"session_duration_minutes\":1}", "invalid_session_duration_minutes")]
    [InlineData("{\"token\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"session_token\":\"a\",\"session_jwt\":\"b\"}", "too_many_session_arguments")]
    [InlineData("{\"token\":7}", "invalid_token")]
    public async Task A_malformed_authenticate_is_refused_with_its_error_type(string body, string errorType)
    {
        var answer = await godwit.Host.Client.SendJsonAsync(HttpMethod.Post, "/v1/oauth/authenticate", body);

        Assert.True((int)answer.Status is >= 400 and < 500, answer.ToString());
        Assert.Equal(errorType, answer.ErrorType);
    }
}

public sealed class SqliteOAuthStartTests(SqliteOAuthGodwit godwit) : OAuthStartContract(godwit), IClassFixture<SqliteOAuthGodwit>;
