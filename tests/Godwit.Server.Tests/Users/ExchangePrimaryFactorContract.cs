using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>PUT /v1/users/{user_id}/exchange_primary_factor: swapping a user's one address, and never taking another's, on every database.</summary>
public abstract class ExchangePrimaryFactorContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task A_verified_email_is_exchanged_for_an_unverified_phone_whose_first_proof_ends_the_older_sessions()
    {
        var user = await FirstLogin.ByEmailCodeAsync(Host);
        var phone = ApiCalls.UniquePhone();

        var exchanged = await Client.PutAsync($"/v1/users/{user.UserId}/exchange_primary_factor", new { phone_number = phone });

        Assert.True(exchanged.Status == HttpStatusCode.OK, exchanged.ToString());
        Assert.Equal(user.UserId, exchanged.Text("user_id"));
        var stored = exchanged.Body.GetProperty("user");
        Assert.Equal(0, stored.GetProperty("emails").GetArrayLength());
        var number = stored.GetProperty("phone_numbers")[0];
        Assert.Equal(phone, number.GetProperty("phone_number").GetString());
        Assert.False(number.GetProperty("verified").GetBoolean());
        // The old address logs nobody in any more.
        var oldAddress = await Client.PostAsync("/v1/otps/email/send", new { email = user.Email });
        Assert.Equal("email_not_found", oldAddress.ErrorType);
        // Whoever proves the new number first ends the sessions started before it.
        await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });
        var proved = await Client.PostAsync("/v1/otps/authenticate", new { method_id = number.GetProperty("phone_id").GetString(), code = Host.SmsCode(phone), session_duration_minutes = 5 });
        Assert.Equal(HttpStatusCode.OK, proved.Status);
        var oldSession = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = user.SessionToken });
        Assert.Equal("session_not_found", oldSession.ErrorType);
    }

    [Fact]
    public async Task A_phone_is_exchanged_for_an_email_named_by_external_id_and_normalised()
    {
        var externalId = "crm-" + Guid.NewGuid().ToString("N");
        var created = await Client.PostAsync("/v1/users", new { phone_number = ApiCalls.UniquePhone(), external_id = externalId });
        var email = ApiCalls.UniqueEmail("swap");

        var exchanged = await Client.PutAsync($"/v1/users/{externalId}/exchange_primary_factor", new { email_address = "  " + email.ToUpperInvariant() });

        Assert.True(exchanged.Status == HttpStatusCode.OK, exchanged.ToString());
        var user = await Client.GetJsonAsync($"/v1/users/{created.Text("user_id")}");
        Assert.Equal(0, user.Body.GetProperty("phone_numbers").GetArrayLength());
        Assert.Equal(email, user.Body.GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.False(user.Body.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task An_address_of_another_user_or_of_the_user_itself_is_a_duplicate_and_changes_nothing()
    {
        var victim = await FirstLogin.ByEmailCodeAsync(Host);
        var victimPhone = ApiCalls.UniquePhone();
        await Client.PostAsync("/v1/users", new { phone_number = victimPhone });
        var attacker = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail("attacker") });

        var email = await Client.PutAsync($"/v1/users/{attacker.Text("user_id")}/exchange_primary_factor", new { email_address = victim.Email.ToUpperInvariant() });
        var phone = await Client.PutAsync($"/v1/users/{attacker.Text("user_id")}/exchange_primary_factor", new { phone_number = victimPhone });
        var itself = await Client.PutAsync($"/v1/users/{victim.UserId}/exchange_primary_factor", new { email_address = victim.Email });

        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_email"), (email.Status, email.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_phone_number"), (phone.Status, phone.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_email"), (itself.Status, itself.ErrorType));
        var unchanged = await Client.GetJsonAsync($"/v1/users/{attacker.Text("user_id")}");
        Assert.Equal(attacker.Text("email_id"), unchanged.Body.GetProperty("emails")[0].GetProperty("email_id").GetString());
        var victimNow = await Client.GetJsonAsync($"/v1/users/{victim.UserId}");
        Assert.True(victimNow.Body.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_user_with_more_than_one_factor_is_refused_so_nothing_stays_behind_for_the_new_addresss_owner()
    {
        var twoAddresses = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), phone_number = ApiCalls.UniquePhone() });
        var withPassword = await Client.PostAsync("/v1/passwords", new { email = ApiCalls.UniqueEmail(), password = "correct horse battery staple " + Guid.NewGuid() });
        var withTotp = await FirstLogin.ByEmailCodeAsync(Host);
        var totp = await Client.PostAsync("/v1/totps", new { user_id = withTotp.UserId });
        // Create User needs an address; a user can still lose its last one.
        var noAddress = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });
        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteJsonAsync($"/v1/users/emails/{noAddress.Text("email_id")}")).Status);
        Assert.Equal(HttpStatusCode.OK, totp.Status);

        foreach (var userId in new[] { twoAddresses.Text("user_id"), withPassword.Text("user_id"), withTotp.UserId, noAddress.Text("user_id") })
        {
            var before = await Client.GetJsonAsync($"/v1/users/{userId}");
            var answer = await Client.PutAsync($"/v1/users/{userId}/exchange_primary_factor", new { email_address = ApiCalls.UniqueEmail("new") });

            Assert.Equal((HttpStatusCode.BadRequest, "invalid_exchange_primary_factor_user"), (answer.Status, answer.ErrorType));
            Assert.Equal(before.Body.GetProperty("emails").ToString(), (await Client.GetJsonAsync($"/v1/users/{userId}")).Body.GetProperty("emails").ToString());
        }
    }

    [Fact]
    public async Task Two_exchanges_of_one_user_at_once_leave_it_with_exactly_one_address()
    {
        var user = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });
        var emails = Enumerable.Range(0, 6).Select(_ => ApiCalls.UniqueEmail("race")).ToList();

        var answers = await Task.WhenAll(emails.Select(email => Client.PutAsync($"/v1/users/{user.Text("user_id")}/exchange_primary_factor", new { email_address = email })));

        Assert.All(answers, answer => Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, answer.ToString()));
        var stored = await Client.GetJsonAsync($"/v1/users/{user.Text("user_id")}");
        var left = stored.Body.GetProperty("emails");
        Assert.Equal(1, left.GetArrayLength());
        Assert.Contains(left[0].GetProperty("email").GetString(), emails);
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest, "invalid_exchange_primary_factor_fields")]
    [InlineData("{\"email_address\":null,\"phone_number\":null}", HttpStatusCode.BadRequest, "invalid_exchange_primary_factor_fields")]
    [InlineData("{\"email_address\":\"a@example.com\",\"phone_number\":\"+15555550123\"}", HttpStatusCode.BadRequest, "invalid_exchange_primary_factor_fields")]
    [InlineData("{\"email_address\":\"not an email\"}", HttpStatusCode.BadRequest, "invalid_email")]
    [InlineData("{\"email_address\":42}", HttpStatusCode.BadRequest, "invalid_email")]
    [InlineData("{\"phone_number\":\"5555550123\"}", HttpStatusCode.BadRequest, "invalid_phone_number")]
    [InlineData("{\"phone_number\":[\"+15555550123\"]}", HttpStatusCode.BadRequest, "invalid_phone_number")]
    [InlineData("\"+15555550123\"", HttpStatusCode.BadRequest, "bad_request")]
    public async Task A_malformed_request_is_refused_with_stytchs_error_and_changes_nothing(string body, HttpStatusCode status, string errorType)
    {
        var user = await FirstLogin.ByEmailCodeAsync(Host);
        var before = await Client.GetJsonAsync($"/v1/users/{user.UserId}");

        var answer = await Client.SendJsonAsync(HttpMethod.Put, $"/v1/users/{user.UserId}/exchange_primary_factor", body);

        Assert.Equal((status, errorType), (answer.Status, answer.ErrorType));
        var after = await Client.GetJsonAsync($"/v1/users/{user.UserId}");
        Assert.Equal(before.Body.GetProperty("emails").ToString(), after.Body.GetProperty("emails").ToString());
        Assert.Equal(0, after.Body.GetProperty("phone_numbers").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_user_is_user_not_found()
    {
        var answer = await Client.PutAsync("/v1/users/user-live-00000000-0000-0000-0000-000000000000/exchange_primary_factor", new { email_address = ApiCalls.UniqueEmail() });

        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (answer.Status, answer.ErrorType));
    }
}

public sealed class ExchangePrimaryFactorOnSqlite(SqliteGodwit godwit) : ExchangePrimaryFactorContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class ExchangePrimaryFactorOnPostgres(PostgresGodwit godwit) : ExchangePrimaryFactorContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
