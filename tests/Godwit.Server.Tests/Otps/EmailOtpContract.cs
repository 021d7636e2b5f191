using System.Net;
using Godwit.Core.OneTimeSecrets;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Otps;

/// <summary>Email passcodes: sending, authenticating, attempts and malformed requests, on every database.</summary>
public abstract class EmailOtpContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task A_new_address_gets_a_pending_user_and_a_six_digit_code_that_expires_in_two_minutes()
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.True(sent.Body.GetProperty("user_created").GetBoolean());
        Assert.Equal("pending", (await Client.GetJsonAsync($"/v1/users/{sent.Text("user_id")}")).Text("status"));
        var message = await Host.EmailAsync(email);
        Assert.Matches(@"^Your code is \d{6}\. It expires in 2 minutes\.", message.TextBody);
        Assert.Contains("Your code is ", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_code_starts_a_session_activates_the_user_and_verifies_the_email()
    {
        var email = ApiCalls.UniqueEmail();
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email, expiration_minutes = 10 });
        var code = await Host.EmailCodeAsync(email);

        var answer = await Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code, session_duration_minutes = 60 });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(sent.Text("user_id"), answer.Text("user_id"));
        Assert.Equal(sent.Text("email_id"), answer.Text("method_id"));
        Assert.NotEmpty(answer.Text("session_token"));
        var user = answer.Body.GetProperty("user");
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.True(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        var factor = answer.Body.GetProperty("session").GetProperty("authentication_factors")[0];
        Assert.Equal(("otp", "email"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.Equal(email, factor.GetProperty("email_factor").GetProperty("email_address").GetString());
    }

    [Fact]
    public async Task A_wrong_code_is_otp_code_not_found_and_the_right_one_still_works()
    {
        var (_, emailId, code) = await SendAsync();

        var wrong = await Authenticate(emailId, Other(code));
        var right = await Authenticate(emailId, code);

        Assert.Equal((HttpStatusCode.NotFound, "otp_code_not_found"), (wrong.Status, wrong.ErrorType));
        Assert.Equal(HttpStatusCode.OK, right.Status);
    }

    [Fact]
    public async Task After_five_wrong_codes_even_the_right_code_fails()
    {
        var (_, emailId, code) = await SendAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal("otp_code_not_found", (await Authenticate(emailId, Other(code))).ErrorType);
        }

        var sixth = await Authenticate(emailId, code);

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_otp_code"), (sixth.Status, sixth.ErrorType));
    }

    [Fact]
    public async Task A_new_code_ends_the_previous_one()
    {
        var (email, emailId, first) = await SendAsync();
        await Client.PostAsync("/v1/otps/email/send", new { email });
        var second = await Host.EmailCodeAsync(email);

        var old = first == second ? null : await Authenticate(emailId, first);
        var current = await Authenticate(emailId, second);

        Assert.True(old is null || old.ErrorType == "otp_code_not_found", old?.ToString());
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal("unable_to_auth_otp_code", (await Authenticate(emailId, second)).ErrorType);
    }

    [Fact]
    public async Task A_used_code_cannot_be_used_again()
    {
        var (_, emailId, code) = await SendAsync();
        await Authenticate(emailId, code);

        var again = await Authenticate(emailId, code);

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_otp_code"), (again.Status, again.ErrorType));
    }

    [Fact]
    public async Task Ten_simultaneous_uses_of_one_code_let_exactly_one_through()
    {
        var (_, emailId, code) = await SendAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Client.PostAsync("/v1/otps/authenticate", new { method_id = emailId, code, session_duration_minutes = 30 })));

        Assert.Single(answers, answer => answer.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(answer => answer.Status != HttpStatusCode.OK), answer => Assert.Equal("unable_to_auth_otp_code", answer.ErrorType));
    }

    [Fact]
    public async Task A_bad_session_duration_is_refused_without_costing_an_attempt_or_the_code()
    {
        var (_, emailId, code) = await SendAsync();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var refused = await Client.PostAsync("/v1/otps/authenticate", new { method_id = emailId, code, session_duration_minutes = 527_041 });
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_session_duration_minutes"), (refused.Status, refused.ErrorType));
        }

        Assert.Equal(HttpStatusCode.OK, (await Authenticate(emailId, code)).Status);
    }

    [Fact]
    public async Task Sending_to_an_unknown_address_without_a_user_is_email_not_found()
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Client.PostAsync("/v1/otps/email/send", new { email });

        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (sent.Status, sent.ErrorType));
        Assert.Equal(0, Host.EmailsTo(email));
    }

    [Fact]
    public async Task An_email_is_attached_by_user_id_only_to_a_user_whose_addresses_are_verified()
    {
        var phone = ApiCalls.UniquePhone();
        var created = await Client.PostAsync("/v1/users", new { phone_number = phone });
        var email = ApiCalls.UniqueEmail();

        var refused = await Client.PostAsync("/v1/otps/email/send", new { email, user_id = created.Text("user_id") });
        await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });
        await Authenticate(created.Text("phone_id"), Host.SmsCode(phone));
        var attached = await Client.PostAsync("/v1/otps/email/send", new { email, user_id = created.Text("user_id") });

        Assert.Equal("unverified_primary_factor", refused.ErrorType);
        Assert.Equal(HttpStatusCode.OK, attached.Status);
        Assert.Equal(HttpStatusCode.OK, (await Authenticate(attached.Text("email_id"), await Host.EmailCodeAsync(email))).Status);
    }

    [Fact]
    public async Task A_rejected_email_is_email_delivery_failed_and_leaves_no_live_code()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });
        Host.Smtp.RejectMessages = true;
        ApiAnswer sent;
        try
        {
            sent = await Client.PostAsync("/v1/otps/email/send", new { email });
        }
        finally
        {
            Host.Smtp.RejectMessages = false;
        }

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "email_delivery_failed"), (sent.Status, sent.ErrorType));
        await using var scope = Host.Services.CreateAsyncScope();
        var live = await scope.ServiceProvider.GetRequiredService<IOneTimeSecretStore>()
            .FindLiveOtpAsync(created.Text("email_id"), DateTime.UtcNow, TestContext.Current.CancellationToken);
        Assert.Null(live);
    }

    [Theory]
    [InlineData("/v1/otps/email/login_or_create", "{\"email\":", "bad_request")]
    [InlineData("/v1/otps/email/login_or_create", "{}", "invalid_email")]
    [InlineData("/v1/otps/email/login_or_create", "{\"email\":[\"EMAIL\"]}", "invalid_email")]
    [InlineData("/v1/otps/email/login_or_create", "{\"email\":\"EMAIL\",\"expiration_minutes\":0}", "invalid_expiration_otp")]
    [InlineData("/v1/otps/email/login_or_create", "{\"email\":\"EMAIL\",\"expiration_minutes\":11}", "invalid_expiration_otp")]
    [InlineData("/v1/otps/email/login_or_create", "{\"email\":\"EMAIL\",\"expiration_minutes\":2.5}", "invalid_expiration_otp")]
    [InlineData("/v1/otps/email/login_or_create", "{\"email\":\"EMAIL\",\"create_user_as_pending\":1}", "bad_request")]
    [InlineData("/v1/otps/email/send", "{\"email\":\"EMAIL\",\"user_id\":7}", "invalid_user_id")]
    [InlineData("/v1/otps/email/send", "{\"email\":\"EMAIL\",\"session_token\":\"a\",\"session_jwt\":\"b\"}", "too_many_session_arguments")]
    public async Task Sending_refuses_malformed_requests_and_creates_nobody(string path, string template, string errorType)
    {
        var email = ApiCalls.UniqueEmail();

        var answer = await Client.SendJsonAsync(HttpMethod.Post, path, template.Replace("EMAIL", email, StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal("email_not_found", (await Client.PostAsync("/v1/otps/email/send", new { email })).ErrorType);
    }

    [Theory]
    [InlineData("{\"method_id\":\"METHOD\",\"code\":\"12345\"}", "invalid_code")]
    [InlineData("{\"method_id\":\"METHOD\",\"code\":\"1234567\"}", "invalid_code")]
    [InlineData("{\"method_id\":\"METHOD\",\"code\":\"12a456\"}", "invalid_code")]
    [InlineData("{\"method_id\":\"METHOD\",\"code\":123456}", "invalid_code")]
    [InlineData("{\"method_id\":\"METHOD\"}", "invalid_code")]
    [InlineData("{\"method_id\":\"email-test-1\",\"code\":\"123456\"}", "invalid_method_id")]
    [InlineData("{\"code\":\"123456\"}", "invalid_method_id")]
    [InlineData("{\"method_id\":\"METHOD\",\"code\":\"123456\",\"session_duration_minutes\":\"5\"}", "invalid_session_duration_minutes")]
    [InlineData("{\"method_id\":\"METHOD\",\"code\":\"123456\",\"session_token\":\"a\",\"session_jwt\":\"b\"}", "too_many_session_arguments")]
    public async Task Authenticate_refuses_malformed_requests_without_costing_an_attempt(string template, string errorType)
    {
        var (_, emailId, code) = await SendAsync();

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/otps/authenticate", template.Replace("METHOD", emailId, StringComparison.Ordinal));
            Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        }

        Assert.Equal(HttpStatusCode.OK, (await Authenticate(emailId, code)).Status);
    }

    [Fact]
    public async Task A_method_that_was_never_sent_a_code_cannot_authenticate()
    {
        var answer = await Authenticate("email-live-00000000-0000-0000-0000-000000000000", "123456");

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_otp_code"), (answer.Status, answer.ErrorType));
    }

    private static string Other(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(string Email, string EmailId, string Code)> SendAsync()
    {
        var email = ApiCalls.UniqueEmail();
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        return (email, sent.Text("email_id"), await Host.EmailCodeAsync(email));
    }

    private Task<ApiAnswer> Authenticate(string methodId, string code) =>
        Client.PostAsync("/v1/otps/authenticate", new { method_id = methodId, code });
}

public sealed class EmailOtpOnSqlite(SqliteGodwit godwit) : EmailOtpContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class EmailOtpOnPostgres(PostgresGodwit godwit) : EmailOtpContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
