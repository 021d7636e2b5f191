using System.Net;
using System.Text.Json;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using OtpNet;

namespace Godwit.Server.Tests.Import;

/// <summary>POST /v1/users/import rows with a TOTP, on every database: stored sealed, usable at once, refused per row.</summary>
public abstract class BulkImportTotpContract
{
    public const string Secret = "JBSWY3DPEHPK3PXPJBSWY3DP";

    protected abstract GodwitHost Host { get; }

    [Fact]
    public async Task A_row_with_a_totp_imports_it_and_its_code_and_recovery_codes_log_in()
    {
        var email = ApiCalls.UniqueEmail("totp-import");
        var answer = await Host.Client.PostAsync("/v1/users/import", new
        {
            users = new[] { new { email, set_email_verified = true, totps = new[] { new { secret = Secret.ToLowerInvariant(), recovery_codes = new[] { "ABCD-efgh-2345" } } } } },
        });

        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        var userId = answer.Body.GetProperty("results")[0].GetProperty("user_id").GetString();
        var user = await Host.Client.GetJsonAsync($"/v1/users/{userId}");
        Assert.True(Assert.Single(user.Body.GetProperty("totps").EnumerateArray()).GetProperty("verified").GetBoolean());
        var login = await Host.Client.PostAsync("/v1/totps/authenticate", new { user_id = userId, totp_code = new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp() });
        Assert.True(login.Status == HttpStatusCode.OK, login.ToString());
        var recovered = await Host.Client.PostAsync("/v1/totps/recover", new { user_id = userId, recovery_code = "abcd-efgh-2345" });
        Assert.True(recovered.Status == HttpStatusCode.OK, recovered.ToString());
    }

    [Fact]
    public async Task A_bad_totp_fails_its_row_alone_with_invalid_totp_and_writes_nothing_for_it()
    {
        var tag = Guid.NewGuid().ToString("N");
        var body = $$"""
            {"users": [
                {"email": "short-{{tag}}@example.com", "totps": [{"secret": "JBSWY3DP"}]},
                {"email": "alphabet-{{tag}}@example.com", "totps": [{"secret": "not base32 at all!"}]},
                {"email": "missing-{{tag}}@example.com", "totps": [{"recovery_codes": ["abcd-efgh-2345"]}]},
                {"email": "code-{{tag}}@example.com", "totps": [{"secret": "{{Secret}}", "recovery_codes": ["123456"]}]},
                {"email": "two-{{tag}}@example.com", "totps": [{"secret": "{{Secret}}"}, {"secret": "{{Secret}}"}]},
                {"email": "type-{{tag}}@example.com", "totps": [{"secret": 42}]},
                {"email": "fine-{{tag}}@example.com", "totps": []}
            ]}
            """;

        var answer = await Host.Client.SendJsonAsync(HttpMethod.Post, "/v1/users/import", body);

        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        var results = answer.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["failed", "failed", "failed", "failed", "failed", "failed", "created"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(
            ["invalid_totp", "invalid_totp", "invalid_totp", "invalid_totp", "invalid_totp", "bad_request"],
            results.Take(6).Select(r => r.GetProperty("error_type").GetString()));
        Assert.Contains("base32", results[0].GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Recovery codes", results[3].GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Contains("at most one TOTP", results[4].GetProperty("error_message").GetString(), StringComparison.Ordinal);
        var search = await Host.Client.PostAsync("/v1/users/search", new
        {
            query = new { @operator = "OR", operands = new[] { new { filter_name = "email_address", filter_value = new[] { "short", "alphabet", "missing", "code", "two", "type", "fine" }.Select(n => $"{n}-{tag}@example.com").ToArray() } } },
        });
        var found = Assert.Single(search.Body.GetProperty("results").EnumerateArray());
        Assert.Equal($"fine-{tag}@example.com", found.GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.Empty(found.GetProperty("totps").EnumerateArray());
    }

    [Fact]
    public async Task A_matched_user_keeps_the_second_factors_they_have()
    {
        var email = ApiCalls.UniqueEmail("totp-matched");
        var first = await Host.Client.PostAsync("/v1/users/import", new { users = new[] { new { email } } });
        var again = await Host.Client.PostAsync("/v1/users/import", new { users = new[] { new { email, totps = new[] { new { secret = Secret } } } } });

        Assert.Equal("skipped", again.Body.GetProperty("results")[0].GetProperty("outcome").GetString());
        var user = await Host.Client.GetJsonAsync($"/v1/users/{first.Body.GetProperty("results")[0].GetProperty("user_id").GetString()}");
        Assert.Empty(user.Body.GetProperty("totps").EnumerateArray());
    }
}

public sealed class BulkImportTotpOnSqlite(SqliteGodwit godwit) : BulkImportTotpContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class BulkImportTotpOnPostgres(PostgresGodwit godwit) : BulkImportTotpContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
