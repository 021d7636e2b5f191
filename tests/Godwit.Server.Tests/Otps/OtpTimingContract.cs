using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Otps;

/// <summary>Passcode expiry edges and send limits, with a fake clock, on every database.</summary>
public abstract class OtpTimingContract
{
    protected abstract SendLimitGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_code_works_one_second_before_it_expires()
    {
        var (methodId, code) = await SendAsync(expirationMinutes: 3);

        Godwit.Clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        var answer = await Client.PostAsync("/v1/otps/authenticate", new { method_id = methodId, code });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task A_code_fails_at_the_moment_it_expires()
    {
        var (methodId, code) = await SendAsync(expirationMinutes: 3);

        Godwit.Clock.Advance(TimeSpan.FromMinutes(3));
        var answer = await Client.PostAsync("/v1/otps/authenticate", new { method_id = methodId, code });

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_otp_code"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task Codes_beyond_the_per_minute_limit_are_too_many_requests_and_not_sent()
    {
        var phone = ApiCalls.UniquePhone();
        for (var i = 0; i < SendLimitGodwit.MaxSendsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = phone })).Status);
        }

        var limited = await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });
        Godwit.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });

        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (limited.Status, limited.ErrorType));
        Assert.Equal(HttpStatusCode.OK, later.Status);
        Assert.Equal(SendLimitGodwit.MaxSendsPerMinute + 1, Godwit.Host.SmsBodies(phone).Count);
    }

    private async Task<(string MethodId, string Code)> SendAsync(int expirationMinutes)
    {
        var email = ApiCalls.UniqueEmail();
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email, expiration_minutes = expirationMinutes });
        return (sent.Text("email_id"), await Godwit.Host.EmailCodeAsync(email));
    }
}

public sealed class OtpTimingOnSqlite(SendLimitSqliteGodwit godwit) : OtpTimingContract, IClassFixture<SendLimitSqliteGodwit>
{
    protected override SendLimitGodwit Godwit => godwit;
}

public sealed class OtpTimingOnPostgres(SendLimitPostgresGodwit godwit) : OtpTimingContract, IClassFixture<SendLimitPostgresGodwit>
{
    protected override SendLimitGodwit Godwit => godwit;
}
