using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Core.MagicLinks;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Tests.Support;

namespace Godwit.Core.Tests.MagicLinks;

/// <summary>Login and sign-up links live for different spans, and each works once.</summary>
public sealed class MagicLinkClockTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly LinkRequest Default = new(null, null);

    [Fact]
    public async Task A_sign_up_link_for_a_new_user_works_until_one_second_before_its_week_ends()
    {
        var email = Addresses.Email();
        Assert.True((await LoginOrCreateAsync(email)).Value.UserCreated);
        core.Clock.Advance(TimeSpan.FromMinutes(MagicLinkService.DefaultSignupExpirationMinutes) - TimeSpan.FromSeconds(1));

        Assert.True((await AuthenticateAsync(core.Outbox.LastToken(email))).Succeeded);
    }

    [Fact]
    public async Task A_sign_up_link_fails_when_its_week_ends()
    {
        var email = Addresses.Email();
        await LoginOrCreateAsync(email);
        core.Clock.Advance(TimeSpan.FromMinutes(MagicLinkService.DefaultSignupExpirationMinutes));

        Assert.Same(ErrorCatalog.UnableToAuthMagicLink, (await AuthenticateAsync(core.Outbox.LastToken(email))).Error);
    }

    [Fact]
    public async Task A_login_link_for_an_active_user_works_for_an_hour_and_not_a_second_longer()
    {
        var late = await core.CreateAsync();
        var inTime = await core.CreateAsync();
        Assert.False((await LoginOrCreateAsync(late.Emails[0].Address)).Value.UserCreated);
        Assert.False((await LoginOrCreateAsync(inTime.Emails[0].Address)).Value.UserCreated);

        core.Clock.Advance(TimeSpan.FromMinutes(MagicLinkService.DefaultLoginExpirationMinutes) - TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(core.Outbox.LastToken(inTime.Emails[0].Address))).Succeeded);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.UnableToAuthMagicLink, (await AuthenticateAsync(core.Outbox.LastToken(late.Emails[0].Address))).Error);
    }

    [Fact]
    public async Task A_requested_expiry_sets_the_edge()
    {
        var user = await core.CreateAsync();
        await core.CallAsync<MagicLinkService, Result<SentTo>>(links => links.LoginOrCreateAsync(
            new MagicLinkLoginOrCreateCommand(user.Emails[0].Address, new LinkRequest(null, MagicLinkService.MinExpirationMinutes), Default, null, CreateAsPending: false), None));
        var token = core.Outbox.LastToken(user.Emails[0].Address);

        core.Clock.Advance(TimeSpan.FromMinutes(MagicLinkService.MinExpirationMinutes));

        Assert.Same(ErrorCatalog.UnableToAuthMagicLink, (await AuthenticateAsync(token)).Error);
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var email = Addresses.Email();
        await LoginOrCreateAsync(email);
        var token = core.Outbox.LastToken(email);

        Assert.True((await AuthenticateAsync(token)).Succeeded);
        Assert.Same(ErrorCatalog.UnableToAuthMagicLink, (await AuthenticateAsync(token)).Error);
    }

    [Fact]
    public async Task A_pkce_link_is_not_spent_by_a_missing_or_wrong_verifier()
    {
        var email = Addresses.Email();
        var verifier = SecretTokens.NewToken();
        var challenge = SecretTokens.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(verifier)));
        await LoginOrCreateAsync(email, challenge);
        var token = core.Outbox.LastToken(email);

        Assert.Same(ErrorCatalog.MissingCodeVerifier, (await AuthenticateAsync(token)).Error);
        Assert.Same(ErrorCatalog.PkceMismatch, (await AuthenticateAsync(token, SecretTokens.NewToken())).Error);

        Assert.True((await AuthenticateAsync(token, verifier)).Succeeded);
    }

    private Task<Result<SentTo>> LoginOrCreateAsync(string email, string? codeChallenge = null) =>
        core.CallAsync<MagicLinkService, Result<SentTo>>(links =>
            links.LoginOrCreateAsync(new MagicLinkLoginOrCreateCommand(email, Default, Default, codeChallenge, CreateAsPending: false), None));

    private Task<Result<PrimaryFactorAuthenticated>> AuthenticateAsync(string token, string? verifier = null) =>
        core.CallAsync<MagicLinkService, Result<PrimaryFactorAuthenticated>>(links =>
            links.AuthenticateAsync(new MagicLinkAuthenticateCommand(token, verifier, SessionRequest.None), None));
}
