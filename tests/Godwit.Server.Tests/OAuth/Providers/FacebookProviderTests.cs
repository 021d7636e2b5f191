using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Godwit.Server.Tests.OAuth.Providers;

/// <summary>Facebook against a stand-in that plays Facebook Login and the Graph API's /me.</summary>
public sealed class FacebookProviderTests : IAsyncLifetime
{
    private const string CallbackUrl = "https://godwit.example.test/v1/public/oauth/facebook/callback";
    private const string Me = """{"id":"10158012345678901","first_name":"Ada","last_name":"Lovelace","email":"ada@example.test","picture":{"data":{"height":50,"is_silhouette":false,"url":"https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=1","width":50}}}""";
    private ProviderStandIn facebook = null!;
    private SocialProviders providers = null!;

    public async ValueTask InitializeAsync()
    {
        facebook = await ProviderStandIn.StartAsync();
        facebook.TokenExtras = _ => [];
        facebook.Map("/v21.0/me", MeAsync);
        providers = new SocialProviders(new Dictionary<string, string?>
        {
            ["Godwit:OAuth:Providers:facebook:ClientId"] = facebook.ClientId,
            ["Godwit:OAuth:Providers:facebook:ClientSecret"] = facebook.ClientSecret,
            ["Godwit:OAuth:Providers:facebook:AuthorizationEndpoint"] = facebook.Url("/v21.0/dialog/oauth"),
            ["Godwit:OAuth:Providers:facebook:TokenEndpoint"] = facebook.Url("/token"),
            ["Godwit:OAuth:Providers:facebook:ApiBaseUrl"] = facebook.Url("/v21.0/"),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await providers.DisposeAsync();
        await facebook.DisposeAsync();
    }

    [Fact]
    public async Task The_authorization_url_carries_state_PKCE_the_default_scopes_and_the_callback()
    {
        var (_, challenge) = SocialProviders.Pkce();
        var request = SocialProviders.AuthorizationRequest(CallbackUrl, challenge, new Dictionary<string, string> { ["auth_type"] = "rerequest" });

        var query = QueryHelpers.ParseQuery((await providers.Get("facebook").AuthorizationUrlAsync(request, TestContext.Current.CancellationToken)).Query);

        Assert.Equal(facebook.ClientId, query["client_id"]);
        Assert.Equal(CallbackUrl, query["redirect_uri"]);
        Assert.Equal(request.State, query["state"]);
        Assert.Equal(challenge, query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("email public_profile custom:scope", query["scope"]);
        Assert.Equal("rerequest", query["auth_type"]);
    }

    [Fact]
    public async Task A_login_yields_the_id_names_picture_and_an_email_that_is_never_counted_as_verified()
    {
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await providers.Get("facebook").CompleteAsync(SocialProviders.Callback(facebook.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ErrorType);
        var identity = result.Value;
        Assert.Equal("Facebook", identity.ProviderType);
        Assert.Equal("10158012345678901", identity.Subject);
        Assert.Equal("ada@example.test", identity.Email);
        Assert.False(identity.EmailVerified);
        Assert.Equal("Ada", identity.FirstName);
        Assert.Equal("Lovelace", identity.LastName);
        Assert.Equal("https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=1", identity.ProfilePictureUrl);
        Assert.Equal(facebook.AccessToken, identity.Tokens.AccessToken);
        Assert.Equal(["email", "public_profile"], identity.Tokens.Scopes);
    }

    [Fact]
    public async Task The_default_silhouette_is_no_picture()
    {
        facebook.Answer("/v21.0/me", 200, """{"id":"1","picture":{"data":{"is_silhouette":true,"url":"https://platform-lookaside.fbsbx.com/silhouette"}}}""");
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await providers.Get("facebook").CompleteAsync(SocialProviders.Callback(facebook.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.Null(result.Value.ProfilePictureUrl);
        Assert.Null(result.Value.Email);
    }

    [Fact]
    public async Task A_code_for_another_callback_is_refused()
    {
        var (verifier, challenge) = SocialProviders.Pkce();
        var code = facebook.IssueCode(challenge, "https://elsewhere.example.test/callback");

        var result = await providers.Get("facebook").CompleteAsync(SocialProviders.Callback(code, CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalog.OAuthAuthCodeError, result.Error);
    }

    [Theory]
    [InlineData(200, """{"first_name":"Ada"}""", "oauth_flow_callback_error")]
    [InlineData(200, """{"id":["1"]}""", "oauth_flow_callback_error")]
    [InlineData(200, """{"id":"has space"}""", "oauth_flow_callback_error")]
    [InlineData(400, """{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}""", "oauth_flow_callback_error")]
    [InlineData(200, """{"error":{"type":"OAuthException"}}""", "oauth_flow_callback_error")]
    [InlineData(503, "", "oauth_provider_unavailable")]
    public async Task A_malformed_Graph_answer_is_a_failure_not_an_exception(int status, string body, string errorType)
    {
        facebook.Answer("/v21.0/me", status, body);
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await providers.Get("facebook").CompleteAsync(SocialProviders.Callback(facebook.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.Equal(errorType, result.Error?.ErrorType);
    }

    // Like the Graph API with "Require App Secret" on: a call without the proof of this app's secret is refused.
    private Task MeAsync(HttpContext context)
    {
        var proof = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(facebook.ClientSecret), Encoding.UTF8.GetBytes(facebook.AccessToken)));
        if (context.Request.Query["appsecret_proof"] != proof || context.Request.Query["fields"] != "id,first_name,last_name,email,picture")
        {
            context.Response.StatusCode = 400;
            return context.Response.WriteAsync("""{"error":{"message":"Invalid appsecret_proof provided in the API argument","type":"GraphMethodException","code":100}}""");
        }

        return facebook.UserApiAsync(context, Me);
    }
}
