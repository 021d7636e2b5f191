using System.Net;
using System.Text.Json;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Otps;

/// <summary>WhatsApp passcodes: the SMS webhook with the channel named, the phone's one code, on every database.</summary>
public abstract class WhatsAppOtpContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task A_code_reaches_the_sms_webhook_with_the_whatsapp_channel_and_logs_in_with_a_whatsapp_factor()
    {
        var phone = ApiCalls.UniquePhone();

        var sent = await Client.PostAsync("/v1/otps/whatsapp/login_or_create", new { phone_number = phone, create_user_as_pending = false, locale = "en" });
        var request = Host.Sms.Requests.Single(r => r.Body.Contains(phone, StringComparison.Ordinal));
        var answer = await Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("phone_id"), code = Host.SmsCode(phone), session_duration_minutes = 5 });

        Assert.True(sent.Status == HttpStatusCode.OK, sent.ToString());
        Assert.True(sent.Body.GetProperty("user_created").GetBoolean());
        Assert.Matches("^phone-number-live-", sent.Text("phone_id"));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["to", "body", "channel"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal((phone, "whatsapp"), (json.RootElement.GetProperty("to").GetString(), json.RootElement.GetProperty("channel").GetString()));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.True(answer.Body.GetProperty("user").GetProperty("phone_numbers")[0].GetProperty("verified").GetBoolean());
        var factor = answer.Body.GetProperty("session").GetProperty("authentication_factors")[0];
        Assert.Equal(("otp", "whatsapp"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.Equal(phone, factor.GetProperty("phone_number_factor").GetProperty("phone_number").GetString());
    }

    [Fact]
    public async Task Whatsapp_and_sms_share_the_phones_one_live_code()
    {
        var phone = ApiCalls.UniquePhone();
        var created = await Client.PostAsync("/v1/users", new { phone_number = phone });
        await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });
        var smsCode = Host.SmsCode(phone);

        var sent = await Client.PostAsync("/v1/otps/whatsapp/send", new { phone_number = phone });
        var whatsAppCode = Host.SmsCode(phone);
        var stale = await Client.PostAsync("/v1/otps/authenticate", new { method_id = created.Text("phone_id"), code = smsCode });
        var fresh = await Client.PostAsync("/v1/otps/authenticate", new { method_id = created.Text("phone_id"), code = whatsAppCode });

        Assert.Equal((HttpStatusCode.OK, created.Text("phone_id")), (sent.Status, sent.Text("phone_id")));
        Assert.Equal(created.Text("user_id"), sent.Text("user_id"));
        Assert.Equal(2, Host.SmsBodies(phone).Count);
        // A stale code is refused without ending the live one (unless it happens to equal it).
        Assert.True(smsCode == whatsAppCode || stale.ErrorType == "otp_code_not_found", stale.ToString());
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
    }

    [Fact]
    public async Task Sending_to_an_unknown_number_is_phone_number_not_found_and_another_users_number_cannot_be_attached()
    {
        var phone = ApiCalls.UniquePhone();
        await Client.PostAsync("/v1/users", new { phone_number = phone });
        var other = await Host.LogInByMagicLinkAsync(ApiCalls.UniqueEmail());

        var unknown = await Client.PostAsync("/v1/otps/whatsapp/send", new { phone_number = ApiCalls.UniquePhone() });
        var stolen = await Client.PostAsync("/v1/otps/whatsapp/send", new { phone_number = phone, session_token = other.Text("session_token") });

        Assert.Equal((HttpStatusCode.NotFound, "phone_number_not_found"), (unknown.Status, unknown.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_phone_number"), (stolen.Status, stolen.ErrorType));
        Assert.Empty(Host.SmsBodies(phone));
    }

    [Theory]
    [InlineData("{}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":15555550123}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":\"5555550123\"}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":\"+1 555 CALL NOW\"}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":\"PHONE\",\"expiration_minutes\":11}", "invalid_expiration_otp")]
    [InlineData("{\"phone_number\":\"PHONE\",\"expiration_minutes\":\"2\"}", "invalid_expiration_otp")]
    [InlineData("{\"phone_number\":\"PHONE\",\"attributes\":[]}", "bad_request")]
    [InlineData("{\"phone_number\":\"PHONE\",\"locale\":7}", "bad_request")]
    public async Task Malformed_requests_are_refused_and_send_nothing(string json, string errorType)
    {
        var phone = ApiCalls.UniquePhone();
        var body = json.Replace("PHONE", phone, StringComparison.Ordinal);

        var loginOrCreate = await Client.SendJsonAsync(HttpMethod.Post, "/v1/otps/whatsapp/login_or_create", body);
        var send = await Client.SendJsonAsync(HttpMethod.Post, "/v1/otps/whatsapp/send", body);
        var search = await Client.PostAsync("/v1/users/search", new { query = new { @operator = "AND", operands = new[] { new { filter_name = "phone_number", filter_value = new[] { phone } } } } });

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (loginOrCreate.Status, loginOrCreate.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, errorType), (send.Status, send.ErrorType));
        Assert.Empty(Host.SmsBodies(phone));
        Assert.Equal(0, search.Body.GetProperty("results").GetArrayLength());
    }
}

public sealed class WhatsAppOtpOnSqlite(SqliteGodwit godwit) : WhatsAppOtpContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class WhatsAppOtpOnPostgres(PostgresGodwit godwit) : WhatsAppOtpContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
