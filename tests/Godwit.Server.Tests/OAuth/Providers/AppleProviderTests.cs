using System.Security.Cryptography;
using Godwit.Core.Errors;
using Godwit.Core.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.OAuth.Providers;

/// <summary>Sign in with Apple against a stand-in with its own discovery document, keys and token endpoint.</summary>
public sealed class AppleProviderTests : IAsyncLifetime
{
    private const string CallbackUrl = "https://godwit.example.test/v1/public/oauth/apple/callback";
    private const string Nonce = "nonce-of-this-flow";
    private AppleStandIn apple = null!;
    private SocialProviders providers = null!;

    public async ValueTask InitializeAsync()
    {
        apple = await AppleStandIn.StartAsync();
        apple.ExpectLogin(Nonce);
        providers = new SocialProviders(Settings());
    }

    public async ValueTask DisposeAsync()
    {
        await providers.DisposeAsync();
        await apple.DisposeAsync();
    }

    [Fact]
    public async Task The_authorization_url_asks_for_a_form_post_with_name_and_email_and_carries_state_and_nonce()
    {
        var request = SocialProviders.AuthorizationRequest(CallbackUrl, "challenge", new Dictionary<string, string> { ["response_mode"] = "query", ["locale"] = "fr_FR" });

        var url = await providers.Get("apple").AuthorizationUrlAsync(request, TestContext.Current.CancellationToken);

        Assert.StartsWith(apple.Server.Url("/auth/authorize?"), url.AbsoluteUri);
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(apple.ClientId, query["client_id"]);
        Assert.Equal(CallbackUrl, query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("form_post", query["response_mode"].Single());
        Assert.Equal("name email custom:scope", query["scope"]);
        Assert.Equal(request.State, query["state"]);
        Assert.Equal(request.Nonce, query["nonce"]);
        Assert.Equal("fr_FR", query["locale"]);
        Assert.True(providers.Get("apple").CallbackIsFormPost);
    }

    [Fact]
    public async Task A_first_login_yields_the_subject_the_relay_email_as_verified_and_the_name_from_the_user_field()
    {
        var result = await CompleteAsync(new Dictionary<string, string>
        {
            ["user"] = """{"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"someone-else@example.test"}""",
        });

        Assert.True(result.Succeeded, result.Error?.ErrorType);
        var identity = result.Value;
        Assert.Equal("Apple", identity.ProviderType);
        Assert.Equal("001234.abcdef0123456789.0042", identity.Subject);
        Assert.Equal("ada@privaterelay.appleid.com", identity.Email);
        Assert.True(identity.EmailVerified);
        Assert.Equal("Ada", identity.FirstName);
        Assert.Equal("Lovelace", identity.LastName);
        Assert.Equal(apple.Server.AccessToken, identity.Tokens.AccessToken);
        Assert.Equal("refresh-" + apple.Server.AccessToken, identity.Tokens.RefreshToken);
        Assert.Equal(3, identity.Tokens.IdToken.Split('.').Length);
        Assert.Single(apple.AcceptedClientSecrets);
    }

    [Theory]
    [InlineData(false)]
    [InlineData("false")]
    public async Task An_email_Apple_does_not_mark_verified_is_not_verified(object verified)
    {
        apple.IdTokenClaims["email_verified"] = verified;

        var identity = (await CompleteAsync()).Value;

        Assert.False(identity.EmailVerified);
    }

    [Fact]
    public async Task A_later_login_without_the_user_field_or_with_a_broken_one_still_succeeds_without_a_name()
    {
        var identity = (await CompleteAsync(new Dictionary<string, string> { ["user"] = "{not json" })).Value;

        Assert.Null(identity.FirstName);
        Assert.Null(identity.LastName);
        Assert.Equal("ada@privaterelay.appleid.com", identity.Email);
    }

    public static TheoryData<string> Forgeries => ["another audience", "another nonce", "no nonce", "expired", "another issuer", "unknown key", "no subject"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task An_id_token_that_fails_a_check_is_refused(string forgery)
    {
        switch (forgery)
        {
            case "another audience": apple.IdTokenClaims["aud"] = "com.other.app"; break;
            case "another nonce": apple.IdTokenClaims["nonce"] = "nonce-of-another-flow"; break;
            case "no nonce": apple.IdTokenClaims.Remove("nonce"); break;
            case "expired":
                apple.IdTokenClaims["iat"] = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeSeconds();
                apple.IdTokenClaims["exp"] = DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds();
                break;
            case "another issuer": apple.IdTokenClaims["iss"] = "https://appleid.apple.com.evil.example.test"; break;
            case "unknown key": apple.ForeignSigningKey = RSA.Create(2048); break;
            case "no subject": apple.IdTokenClaims.Remove("sub"); break;
        }

        var result = await CompleteAsync();

        Assert.Equal(ErrorCatalog.OAuthFlowCallbackError, result.Error);
        Assert.All(providers.LogLines, line => Assert.DoesNotContain(apple.Server.AccessToken, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_client_secret_is_reused_until_five_minutes_before_it_expires_and_then_signed_anew()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var timed = new SocialProviders(Settings(), clock);

        Assert.True((await CompleteAt(timed, clock)).Succeeded);
        clock.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromSeconds(1));
        Assert.True((await CompleteAt(timed, clock)).Succeeded);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await CompleteAt(timed, clock)).Succeeded);

        var secrets = apple.AcceptedClientSecrets;
        Assert.Equal(3, secrets.Count);
        Assert.Equal(secrets[0], secrets[1]);
        Assert.NotEqual(secrets[1], secrets[2]);
    }

    [Theory]
    [InlineData(59, true)]
    [InlineData(60, false)]
    public async Task An_id_token_is_accepted_up_to_a_minute_past_its_expiry_by_Godwits_clock(int secondsPastExpiry, bool accepted)
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var clock = new FakeTimeProvider(expiry.AddSeconds(secondsPastExpiry));
        await using var timed = new SocialProviders(Settings(), clock);
        apple.IdTokenClaims["iat"] = expiry.AddMinutes(-10).ToUnixTimeSeconds();
        apple.IdTokenClaims["exp"] = expiry.ToUnixTimeSeconds();

        var result = await CompleteAsync(timed);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task A_token_answer_without_an_id_token_is_refused()
    {
        apple.Server.TokenExtras = _ => [];

        Assert.Equal(ErrorCatalog.OAuthFlowCallbackError, (await CompleteAsync()).Error);
    }

    [Fact]
    public async Task An_unreachable_discovery_document_is_the_provider_being_unavailable()
    {
        apple.Server.Answer("/.well-known/openid-configuration", 404, "{}");

        Assert.Equal(ErrorCatalog.OAuthProviderUnavailable, (await CompleteAsync()).Error);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Godwit:OAuth:Providers:apple:ClientId"] = apple.ClientId,
        ["Godwit:OAuth:Providers:apple:TeamId"] = AppleStandIn.TeamId,
        ["Godwit:OAuth:Providers:apple:KeyId"] = AppleStandIn.KeyId,
        ["Godwit:OAuth:Providers:apple:PrivateKey"] = apple.TeamKeyPem,
        ["Godwit:OAuth:Providers:apple:DiscoveryUrl"] = apple.Server.Url("/.well-known/openid-configuration"),
    };

    // The stand-in mints with the real clock; Godwit's has moved on, so the id_token's times follow Godwit's.
    private Task<Result<ProviderIdentity>> CompleteAt(SocialProviders from, FakeTimeProvider clock)
    {
        apple.IdTokenClaims["iat"] = clock.GetUtcNow().ToUnixTimeSeconds();
        apple.IdTokenClaims["exp"] = clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        return CompleteAsync(from);
    }

    private Task<Result<ProviderIdentity>> CompleteAsync(IReadOnlyDictionary<string, string>? fields = null) => CompleteAsync(providers, fields);

    private Task<Result<ProviderIdentity>> CompleteAsync(SocialProviders from, IReadOnlyDictionary<string, string>? fields = null)
    {
        // Apple's codes are not bound to a PKCE challenge; the nonce in the id_token binds the flow.
        var code = apple.Server.IssueCode(null, CallbackUrl);
        return from.Get("apple").CompleteAsync(SocialProviders.Callback(code, CallbackUrl, "unused-verifier", Nonce, fields), TestContext.Current.CancellationToken);
    }
}
