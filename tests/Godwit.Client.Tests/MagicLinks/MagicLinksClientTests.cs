using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Users;
using Godwit.Testing.Http;
using Godwit.Tests.Support;

namespace Godwit.Client.Tests.MagicLinks;

public sealed class MagicLinksClientTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>, IDisposable
{
    private readonly TestClient test = TestClient.For(godwit.Host);

    private GodwitClient Client => test.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_or_create_emails_a_link_whose_token_authenticates_into_a_session()
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Client.MagicLinks.Email.LoginOrCreateAsync(new EmailLoginOrCreateRequest { Email = email }, Cancel);
        var token = await godwit.Host.LinkTokenAsync(email);
        var authenticated = await Client.MagicLinks.AuthenticateAsync(new MagicLinkAuthenticateRequest { Token = token, SessionDurationMinutes = 60 }, Cancel);

        Assert.True(sent.UserCreated);
        Assert.Equal(sent.UserId, authenticated.UserId);
        Assert.Equal(sent.EmailId, authenticated.MethodId);
        Assert.NotEmpty(authenticated.SessionToken);
        Assert.NotEmpty(authenticated.SessionJwt);
        Assert.Equal("magic_link", Assert.Single(authenticated.Session!.AuthenticationFactors).Type);
        Assert.True(Assert.Single(authenticated.User.Emails).Verified);
    }

    [Fact]
    public async Task Send_emails_a_link_to_an_existing_user()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.Users.CreateAsync(new CreateUserRequest { Email = email }, Cancel);

        var sent = await Client.MagicLinks.Email.SendAsync(new EmailSendRequest { Email = email, LoginExpirationMinutes = 30 }, Cancel);

        Assert.Equal((created.UserId, created.EmailId), (sent.UserId, sent.EmailId));
        Assert.NotEmpty(await godwit.Host.LinkTokenAsync(email));
    }

    [Fact]
    public async Task Sending_to_an_unknown_address_is_email_not_found()
    {
        var error = await Assert.ThrowsAsync<GodwitApiException>(() =>
            Client.MagicLinks.Email.SendAsync(new EmailSendRequest { Email = ApiCalls.UniqueEmail() }, Cancel));

        Assert.Equal((404, "email_not_found"), (error.StatusCode, error.ErrorType));
    }

    [Fact]
    public async Task A_malformed_email_is_invalid_email()
    {
        var error = await Assert.ThrowsAsync<GodwitApiException>(() =>
            Client.MagicLinks.Email.LoginOrCreateAsync(new EmailLoginOrCreateRequest { Email = "not-an-address" }, Cancel));

        Assert.Equal((400, "invalid_email"), (error.StatusCode, error.ErrorType));
    }

    [Fact]
    public async Task A_token_used_once_cannot_authenticate_again()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.MagicLinks.Email.LoginOrCreateAsync(new EmailLoginOrCreateRequest { Email = email }, Cancel);
        var token = await godwit.Host.LinkTokenAsync(email);
        await Client.MagicLinks.AuthenticateAsync(new MagicLinkAuthenticateRequest { Token = token }, Cancel);

        var error = await Assert.ThrowsAsync<GodwitApiException>(() => Client.MagicLinks.AuthenticateAsync(new MagicLinkAuthenticateRequest { Token = token }, Cancel));

        Assert.Contains(error.ErrorType, (string[])["unable_to_auth_magic_link", "magic_link_not_found"]);
        Assert.InRange(error.StatusCode, 400, 499);
        Assert.Equal(2, test.Log.Count("POST /v1/magic_links/authenticate"));
    }

    public void Dispose() => test.Dispose();
}
