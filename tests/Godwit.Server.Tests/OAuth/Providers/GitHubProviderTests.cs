using Godwit.Core.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace Godwit.Server.Tests.OAuth.Providers;

/// <summary>GitHub against a stand-in that plays GitHub's OAuth endpoints and REST API.</summary>
public sealed class GitHubProviderTests : IAsyncLifetime
{
    private const string CallbackUrl = "https://godwit.example.test/v1/public/oauth/github/callback";
    private const string User = """{"login":"octo","id":583231,"name":"Mona Lisa Octocat","avatar_url":"https://avatars.githubusercontent.com/u/583231?v=4","email":"public@example.test"}""";
    private ProviderStandIn github = null!;
    private SocialProviders providers = null!;

    public async ValueTask InitializeAsync()
    {
        github = await ProviderStandIn.StartAsync(errorsAsOk: true);
        github.Map("/api/user", context => github.UserApiAsync(context, User));
        github.Map("/api/user/emails", context => github.UserApiAsync(context,
            """[{"email":"other@example.test","primary":false,"verified":true},{"email":"mona@example.test","primary":true,"verified":true}]"""));
        providers = new SocialProviders(new Dictionary<string, string?>
        {
            ["Godwit:OAuth:Providers:github:ClientId"] = github.ClientId,
            ["Godwit:OAuth:Providers:github:ClientSecret"] = github.ClientSecret,
            ["Godwit:OAuth:Providers:github:Scopes:0"] = "repo",
            ["Godwit:OAuth:Providers:github:AuthorizationEndpoint"] = github.Url("/login/oauth/authorize"),
            ["Godwit:OAuth:Providers:github:TokenEndpoint"] = github.Url("/token"),
            ["Godwit:OAuth:Providers:github:ApiBaseUrl"] = github.Url("/api"),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await providers.DisposeAsync();
        await github.DisposeAsync();
    }

    [Fact]
    public async Task The_authorization_url_carries_state_PKCE_scopes_the_callback_and_provider_parameters_that_cannot_replace_them()
    {
        var (_, challenge) = SocialProviders.Pkce();
        var request = SocialProviders.AuthorizationRequest(CallbackUrl, challenge, new Dictionary<string, string>
        {
            ["login"] = "octo",
            ["redirect_uri"] = "https://attacker.example.test/steal",
        });

        var url = await providers.Get("github").AuthorizationUrlAsync(request, TestContext.Current.CancellationToken);

        Assert.StartsWith(github.Url("/login/oauth/authorize?"), url.AbsoluteUri);
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(github.ClientId, query["client_id"]);
        Assert.Equal(CallbackUrl, query["redirect_uri"].Single());
        Assert.Equal(request.State, query["state"]);
        Assert.Equal(challenge, query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("read:user user:email repo custom:scope", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("octo", query["login"]);
    }

    [Fact]
    public async Task A_login_yields_the_numeric_id_the_primary_verified_email_the_name_and_the_avatar()
    {
        var (verifier, challenge) = SocialProviders.Pkce();
        var code = github.IssueCode(challenge, CallbackUrl);

        var result = await providers.Get("github").CompleteAsync(SocialProviders.Callback(code, CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ErrorType);
        var identity = result.Value;
        Assert.Equal("Github", identity.ProviderType);
        Assert.Equal("583231", identity.Subject);
        Assert.Equal("mona@example.test", identity.Email);
        Assert.True(identity.EmailVerified);
        Assert.Equal("Mona", identity.FirstName);
        Assert.Equal("Lisa Octocat", identity.LastName);
        Assert.Equal("https://avatars.githubusercontent.com/u/583231?v=4", identity.ProfilePictureUrl);
        Assert.Equal(github.AccessToken, identity.Tokens.AccessToken);
        Assert.Equal(["read:user", "user:email"], identity.Tokens.Scopes);
        Assert.NotNull(identity.Tokens.ExpiresAt);
    }

    [Fact]
    public async Task An_unverified_primary_email_is_not_verified_even_when_another_address_is()
    {
        github.Map("/api/user/emails", context => github.UserApiAsync(context,
            """[{"email":"other@example.test","primary":false,"verified":true},{"email":"victim@example.test","primary":true,"verified":false}]"""));
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await providers.Get("github").CompleteAsync(SocialProviders.Callback(github.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.Equal("victim@example.test", result.Value.Email);
        Assert.False(result.Value.EmailVerified);
    }

    [Fact]
    public async Task A_verified_flag_that_is_not_JSON_true_does_not_count()
    {
        github.Map("/api/user/emails", context => github.UserApiAsync(context, """[{"email":"victim@example.test","primary":true,"verified":"yes"}]"""));
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await providers.Get("github").CompleteAsync(SocialProviders.Callback(github.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.False(result.Value.EmailVerified);
    }

    [Fact]
    public async Task A_code_exchanged_with_another_verifier_is_refused_although_GitHub_answers_200()
    {
        var (_, challenge) = SocialProviders.Pkce();
        var (otherVerifier, _) = SocialProviders.Pkce();
        var code = github.IssueCode(challenge, CallbackUrl);

        var result = await providers.Get("github").CompleteAsync(SocialProviders.Callback(code, CallbackUrl, otherVerifier), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalog.OAuthAuthCodeError, result.Error);
        Assert.DoesNotContain(github.Calls, c => c.Path.StartsWith("/api", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_log_line_carries_the_client_secret_the_code_or_the_access_token()
    {
        var (verifier, challenge) = SocialProviders.Pkce();
        var good = github.IssueCode(challenge, CallbackUrl);
        await providers.Get("github").CompleteAsync(SocialProviders.Callback(good, CallbackUrl, verifier), TestContext.Current.CancellationToken);
        // Refused: GitHub's error_description in this stand-in repeats the code.
        await providers.Get("github").CompleteAsync(SocialProviders.Callback(good, CallbackUrl, verifier), TestContext.Current.CancellationToken);
        github.Answer("/api/user", 200, $$"""{"access_token":"{{github.AccessToken}}"}""");
        var bad = github.IssueCode(challenge, CallbackUrl);
        await providers.Get("github").CompleteAsync(SocialProviders.Callback(bad, CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.NotEmpty(providers.LogLines);
        Assert.All(providers.LogLines, line =>
        {
            Assert.DoesNotContain(github.ClientSecret, line, StringComparison.Ordinal);
            Assert.DoesNotContain(good, line, StringComparison.Ordinal);
            Assert.DoesNotContain(bad, line, StringComparison.Ordinal);
            Assert.DoesNotContain(github.AccessToken, line, StringComparison.Ordinal);
            Assert.DoesNotContain(verifier, line, StringComparison.Ordinal);
        });
    }

    public static TheoryData<string, int, string, string> MalformedAnswers => new()
    {
        { "/token", 200, "<html>rate limited</html>", "oauth_auth_code_error" },
        { "/token", 200, """{"token_type":"bearer"}""", "oauth_auth_code_error" },
        { "/token", 200, """{"access_token":12345}""", "oauth_auth_code_error" },
        { "/token", 200, """["access_token"]""", "oauth_auth_code_error" },
        { "/token", 502, "Bad gateway", "oauth_provider_unavailable" },
        { "/api/user", 200, "not json", "oauth_flow_callback_error" },
        { "/api/user", 200, """{"login":"octo"}""", "oauth_flow_callback_error" },
        { "/api/user", 200, """{"id":{"number":1}}""", "oauth_flow_callback_error" },
        { "/api/user", 200, """{"id":-1}""", "oauth_flow_callback_error" },
        { "/api/user", 200, """{"id":1.5}""", "oauth_flow_callback_error" },
        { "/api/user", 200, "[]", "oauth_flow_callback_error" },
        { "/api/user", 401, """{"message":"Bad credentials"}""", "oauth_flow_callback_error" },
        { "/api/user/emails", 404, """{"message":"Not Found"}""", "oauth_flow_callback_error" },
        { "/api/user/emails", 200, "{", "oauth_flow_callback_error" },
    };

    [Theory]
    [MemberData(nameof(MalformedAnswers))]
    public async Task A_malformed_answer_is_a_failure_not_an_exception(string path, int status, string body, string errorType)
    {
        github.Answer(path, status, body);
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await providers.Get("github").CompleteAsync(SocialProviders.Callback(github.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.Equal(errorType, result.Error?.ErrorType);
    }

    [Fact]
    public async Task Emails_that_are_not_an_array_leave_the_identity_without_an_email()
    {
        github.Answer("/api/user/emails", 200, """{"email":"x@example.test","primary":true,"verified":true}""");
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await providers.Get("github").CompleteAsync(SocialProviders.Callback(github.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.Null(result.Value.Email);
        Assert.False(result.Value.EmailVerified);
    }

    [Fact]
    public async Task A_broken_connection_is_the_provider_being_unavailable()
    {
        github.Abort("/token");
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await providers.Get("github").CompleteAsync(SocialProviders.Callback(github.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalog.OAuthProviderUnavailable, result.Error);
    }
}
