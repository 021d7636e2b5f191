using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Otps;

/// <summary>SMS and WhatsApp codes to one phone count against one send limit, on every database.</summary>
public abstract class PhoneChannelLimitContract
{
    protected abstract SendLimitGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task Switching_to_whatsapp_gives_no_fresh_sends_once_sms_used_the_minutes_limit()
    {
        var phone = ApiCalls.UniquePhone();
        for (var i = 0; i < SendLimitGodwit.MaxSendsPerMinute; i++)
        {
            var sent = await Client.PostAsync(i % 2 == 0 ? "/v1/otps/sms/login_or_create" : "/v1/otps/whatsapp/login_or_create", new { phone_number = phone });
            Assert.Equal(HttpStatusCode.OK, sent.Status);
        }

        var whatsApp = await Client.PostAsync("/v1/otps/whatsapp/login_or_create", new { phone_number = phone });
        var sms = await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });

        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (whatsApp.Status, whatsApp.ErrorType));
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (sms.Status, sms.ErrorType));
        Assert.Equal(SendLimitGodwit.MaxSendsPerMinute, Godwit.Host.SmsBodies(phone).Count);
    }
}

public sealed class PhoneChannelLimitOnSqlite(SendLimitSqliteGodwit godwit) : PhoneChannelLimitContract, IClassFixture<SendLimitSqliteGodwit>
{
    protected override SendLimitGodwit Godwit => godwit;
}

public sealed class PhoneChannelLimitOnPostgres(SendLimitPostgresGodwit godwit) : PhoneChannelLimitContract, IClassFixture<SendLimitPostgresGodwit>
{
    protected override SendLimitGodwit Godwit => godwit;
}
