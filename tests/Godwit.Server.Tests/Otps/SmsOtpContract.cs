using System.Net;
using System.Text.Json;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Otps;

/// <summary>SMS passcodes: the webhook, authenticating and malformed numbers, on every database.</summary>
public abstract class SmsOtpContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task A_code_reaches_the_webhook_as_json_with_the_normalised_number_the_text_and_the_channel()
    {
        var phone = ApiCalls.UniquePhone();
        var typed = $"{phone[..2]} ({phone[2..5]}) {phone[5..8]}-{phone[8..]}";

        var sent = await Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = typed });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.True(sent.Body.GetProperty("user_created").GetBoolean());
        Assert.Matches("^phone-number-live-", sent.Text("phone_id"));
        var request = Host.Sms.Requests.Single(r => r.Body.Contains(phone, StringComparison.Ordinal));
        Assert.Equal("POST", request.Method);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["to", "body", "channel"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(phone, json.RootElement.GetProperty("to").GetString());
        Assert.Equal("sms", json.RootElement.GetProperty("channel").GetString());
        Assert.Matches(@"^Your code is \d{6}\. It expires in 2 minutes\.$", json.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_right_code_verifies_the_phone_and_records_an_sms_factor()
    {
        var phone = ApiCalls.UniquePhone();
        var sent = await Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = phone, expiration_minutes = 1 });

        var answer = await Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("phone_id"), code = Host.SmsCode(phone), session_duration_minutes = 5 });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("expires in 1 minute.", Host.SmsBodies(phone)[0], StringComparison.Ordinal);
        var user = answer.Body.GetProperty("user");
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.True(user.GetProperty("phone_numbers")[0].GetProperty("verified").GetBoolean());
        var factor = answer.Body.GetProperty("session").GetProperty("authentication_factors")[0];
        Assert.Equal(("otp", "sms"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.Equal(phone, factor.GetProperty("phone_number_factor").GetProperty("phone_number").GetString());
    }

    [Fact]
    public async Task Sending_to_an_unknown_number_without_a_user_is_phone_number_not_found()
    {
        var sent = await Client.PostAsync("/v1/otps/sms/send", new { phone_number = ApiCalls.UniquePhone() });

        Assert.Equal((HttpStatusCode.NotFound, "phone_number_not_found"), (sent.Status, sent.ErrorType));
    }

    [Fact]
    public async Task A_known_number_is_sent_a_code_and_a_number_of_another_user_cannot_be_attached()
    {
        var phone = ApiCalls.UniquePhone();
        var owner = await Client.PostAsync("/v1/users", new { phone_number = phone });
        var other = await Host.LogInByMagicLinkAsync(ApiCalls.UniqueEmail());

        var sent = await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });
        var stolen = await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone, session_jwt = other.Text("session_jwt") });

        Assert.Equal(owner.Text("phone_id"), sent.Text("phone_id"));
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_phone_number"), (stolen.Status, stolen.ErrorType));
        Assert.Single(Host.SmsBodies(phone));
    }

    [Fact]
    public async Task A_failing_webhook_is_sms_delivery_failed_and_the_code_it_carried_is_dead()
    {
        var phone = ApiCalls.UniquePhone();
        var created = await Client.PostAsync("/v1/users", new { phone_number = phone });
        Host.Sms.ResponseStatus = HttpStatusCode.InternalServerError;
        ApiAnswer sent;
        try
        {
            sent = await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });
        }
        finally
        {
            Host.Sms.ResponseStatus = HttpStatusCode.OK;
        }

        var answer = await Client.PostAsync("/v1/otps/authenticate", new { method_id = created.Text("phone_id"), code = Host.SmsCode(phone) });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "sms_delivery_failed"), (sent.Status, sent.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_otp_code"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("{}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":15555550123}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":\"5555550123\"}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":\"+0155555501\"}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":\"+1 555 CALL NOW\"}", "invalid_phone_number")]
    [InlineData("{\"phone_number\":\"+15555550123\",\"expiration_minutes\":\"2\"}", "invalid_expiration_otp")]
    public async Task Malformed_numbers_and_expirations_are_refused(string json, string errorType)
    {
        var loginOrCreate = await Client.SendJsonAsync(HttpMethod.Post, "/v1/otps/sms/login_or_create", json);
        var send = await Client.SendJsonAsync(HttpMethod.Post, "/v1/otps/sms/send", json);

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (loginOrCreate.Status, loginOrCreate.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, errorType), (send.Status, send.ErrorType));
    }
}

public sealed class SmsOtpOnSqlite(SqliteGodwit godwit) : SmsOtpContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class SmsOtpOnPostgres(PostgresGodwit godwit) : SmsOtpContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
