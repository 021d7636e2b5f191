using Godwit.Core.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace Godwit.Server.Tests.OAuth.Providers;

/// <summary>Discord against a stand-in that plays Discord's OAuth endpoints and /users/@me.</summary>
public sealed class DiscordProviderTests : IAsyncLifetime
{
    private const string CallbackUrl = "https://godwit.example.test/v1/public/oauth/discord/callback";
    private ProviderStandIn discord = null!;
    private SocialProviders providers = null!;

    public async ValueTask InitializeAsync()
    {
        discord = await ProviderStandIn.StartAsync();
        discord.TokenExtras = _ => new() { ["scope"] = "identify email" };
        Me("""{"id":"80351110224678912","username":"nelly","global_name":"Nelly","avatar":"a_8342729096ea3675442027381ff50dfe","email":"nelly@example.test","verified":true,"locale":"en-US"}""");
        providers = new SocialProviders(new Dictionary<string, string?>
        {
            ["Godwit:OAuth:Providers:discord:ClientId"] = discord.ClientId,
            ["Godwit:OAuth:Providers:discord:ClientSecret"] = discord.ClientSecret,
            ["Godwit:OAuth:Providers:discord:AuthorizationEndpoint"] = discord.Url("/oauth2/authorize"),
            ["Godwit:OAuth:Providers:discord:TokenEndpoint"] = discord.Url("/token"),
            ["Godwit:OAuth:Providers:discord:ApiBaseUrl"] = discord.Url("/api/v10"),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await providers.DisposeAsync();
        await discord.DisposeAsync();
    }

    [Fact]
    public async Task The_authorization_url_carries_state_PKCE_the_default_scopes_and_the_callback()
    {
        var (_, challenge) = SocialProviders.Pkce();
        var request = SocialProviders.AuthorizationRequest(CallbackUrl, challenge, new Dictionary<string, string> { ["prompt"] = "none", ["state"] = "forged" });

        var query = QueryHelpers.ParseQuery((await providers.Get("discord").AuthorizationUrlAsync(request, TestContext.Current.CancellationToken)).Query);

        Assert.Equal(CallbackUrl, query["redirect_uri"]);
        Assert.Equal(request.State, query["state"].Single());
        Assert.Equal(challenge, query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("identify email custom:scope", query["scope"]);
        Assert.Equal("none", query["prompt"]);
    }

    [Fact]
    public async Task A_login_yields_the_snowflake_verified_email_display_name_avatar_and_locale()
    {
        var identity = (await CompleteAsync()).Value;

        Assert.Equal("Discord", identity.ProviderType);
        Assert.Equal("80351110224678912", identity.Subject);
        Assert.Equal("nelly@example.test", identity.Email);
        Assert.True(identity.EmailVerified);
        Assert.Equal("Nelly", identity.FirstName);
        Assert.Null(identity.LastName);
        Assert.Equal("https://cdn.discordapp.com/avatars/80351110224678912/a_8342729096ea3675442027381ff50dfe.gif", identity.ProfilePictureUrl);
        Assert.Equal("en-US", identity.Locale);
        Assert.Equal(["identify", "email"], identity.Tokens.Scopes);
        Assert.Equal("refresh-" + discord.AccessToken, identity.Tokens.RefreshToken);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("\"true\"")]
    [InlineData("null")]
    public async Task An_email_Discord_does_not_mark_verified_with_JSON_true_is_not_verified(string verified)
    {
        Me($$"""{"id":"1","username":"u","avatar":null,"email":"victim@example.test","verified":{{verified}}}""");

        var identity = (await CompleteAsync()).Value;

        Assert.Equal("victim@example.test", identity.Email);
        Assert.False(identity.EmailVerified);
        Assert.Equal("u", identity.FirstName);
        Assert.Null(identity.ProfilePictureUrl);
    }

    [Fact]
    public async Task An_avatar_hash_that_is_not_a_hash_makes_no_URL()
    {
        Me("""{"id":"1","avatar":"../../evil.example.test/x"}""");

        Assert.Null((await CompleteAsync()).Value.ProfilePictureUrl);
    }

    [Theory]
    [InlineData("""{"username":"u"}""")]
    [InlineData("""{"id":"12ab"}""")]
    [InlineData("""{"id":true}""")]
    [InlineData("null")]
    [InlineData("\"80351110224678912\"")]
    public async Task An_answer_without_a_snowflake_id_is_a_failure(string body)
    {
        discord.Answer("/api/v10/users/@me", 200, body);

        Assert.Equal(ErrorCatalog.OAuthFlowCallbackError, (await CompleteAsync()).Error);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_by_the_token_endpoint()
    {
        await using var wrong = new SocialProviders(new Dictionary<string, string?>
        {
            ["Godwit:OAuth:Providers:discord:ClientId"] = discord.ClientId,
            ["Godwit:OAuth:Providers:discord:ClientSecret"] = "not-the-secret",
            ["Godwit:OAuth:Providers:discord:TokenEndpoint"] = discord.Url("/token"),
        });
        var (verifier, challenge) = SocialProviders.Pkce();

        var result = await wrong.Get("discord").CompleteAsync(SocialProviders.Callback(discord.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalog.OAuthAuthCodeError, result.Error);
    }

    private void Me(string json) => discord.Map("/api/v10/users/@me", context => discord.UserApiAsync(context, json));

    private async Task<Godwit.Core.Errors.Result<Godwit.Core.OAuth.ProviderIdentity>> CompleteAsync()
    {
        var (verifier, challenge) = SocialProviders.Pkce();
        return await providers.Get("discord").CompleteAsync(SocialProviders.Callback(discord.IssueCode(challenge, CallbackUrl), CallbackUrl, verifier), TestContext.Current.CancellationToken);
    }
}
