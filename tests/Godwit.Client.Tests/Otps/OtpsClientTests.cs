using Godwit.Contracts.Otps;
using Godwit.Contracts.Users;
using Godwit.Testing.Http;
using Godwit.Tests.Support;

namespace Godwit.Client.Tests.Otps;

public sealed class OtpsClientTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>, IDisposable
{
    private readonly TestClient test = TestClient.For(godwit.Host);

    private GodwitClient Client => test.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_email_code_from_login_or_create_authenticates_into_a_session()
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Client.Otps.Email.LoginOrCreateAsync(new EmailOtpLoginOrCreateRequest { Email = email, ExpirationMinutes = 5 }, Cancel);
        var code = await godwit.Host.EmailCodeAsync(email);
        var authenticated = await Client.Otps.AuthenticateAsync(new OtpAuthenticateRequest { MethodId = sent.EmailId, Code = code, SessionDurationMinutes = 30 }, Cancel);

        Assert.True(sent.UserCreated);
        Assert.Equal(sent.UserId, authenticated.UserId);
        Assert.Equal("active", authenticated.User.Status);
        Assert.NotEmpty(authenticated.SessionToken);
        Assert.Equal(("otp", "email"), (authenticated.Session!.AuthenticationFactors[0].Type, authenticated.Session.AuthenticationFactors[0].DeliveryMethod));
    }

    [Fact]
    public async Task An_email_code_can_be_sent_to_an_existing_user()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.Users.CreateAsync(new CreateUserRequest { Email = email }, Cancel);

        var sent = await Client.Otps.Email.SendAsync(new EmailOtpSendRequest { Email = email }, Cancel);

        Assert.Equal((created.UserId, created.EmailId), (sent.UserId, sent.EmailId));
        Assert.Matches(@"^\d{6}$", await godwit.Host.EmailCodeAsync(email));
    }

    [Fact]
    public async Task An_sms_code_from_login_or_create_authenticates_into_a_session()
    {
        var phone = ApiCalls.UniquePhone();

        var sent = await Client.Otps.Sms.LoginOrCreateAsync(new SmsOtpLoginOrCreateRequest { PhoneNumber = phone }, Cancel);
        var authenticated = await Client.Otps.AuthenticateAsync(
            new OtpAuthenticateRequest { MethodId = sent.PhoneId, Code = godwit.Host.SmsCode(phone), SessionDurationMinutes = 30 }, Cancel);

        Assert.Equal(sent.UserId, authenticated.UserId);
        Assert.True(Assert.Single(authenticated.User.PhoneNumbers).Verified);
        Assert.Equal("sms", authenticated.Session!.AuthenticationFactors[0].DeliveryMethod);
    }

    [Fact]
    public async Task An_sms_code_can_be_sent_to_an_existing_user()
    {
        var phone = ApiCalls.UniquePhone();
        var created = await Client.Users.CreateAsync(new CreateUserRequest { PhoneNumber = phone }, Cancel);

        var sent = await Client.Otps.Sms.SendAsync(new SmsOtpSendRequest { PhoneNumber = phone }, Cancel);

        Assert.Equal((created.UserId, created.PhoneId), (sent.UserId, sent.PhoneId));
        Assert.Matches(@"^\d{6}$", godwit.Host.SmsCode(phone));
    }

    [Fact]
    public async Task A_wrong_code_is_otp_code_not_found_and_is_not_retried()
    {
        var email = ApiCalls.UniqueEmail();
        var sent = await Client.Otps.Email.LoginOrCreateAsync(new EmailOtpLoginOrCreateRequest { Email = email }, Cancel);
        var code = await godwit.Host.EmailCodeAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        var error = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Otps.AuthenticateAsync(new OtpAuthenticateRequest { MethodId = sent.EmailId, Code = wrong }, Cancel));

        Assert.Equal((404, "otp_code_not_found"), (error.StatusCode, error.ErrorType));
        Assert.Equal(1, test.Log.Count("POST /v1/otps/authenticate"));
    }

    [Fact]
    public async Task A_malformed_phone_number_is_invalid_phone_number()
    {
        var error = await Assert.ThrowsAsync<GodwitApiException>(() =>
            Client.Otps.Sms.LoginOrCreateAsync(new SmsOtpLoginOrCreateRequest { PhoneNumber = "555-0100" }, Cancel));

        Assert.Equal((400, "invalid_phone_number"), (error.StatusCode, error.ErrorType));
    }

    public void Dispose() => test.Dispose();
}
