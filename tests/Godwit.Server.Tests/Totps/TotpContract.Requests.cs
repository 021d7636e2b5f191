using System.Net;
using System.Text;
using Godwit.Core.Totps;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Godwit.Server.Tests.Totps;

/// <summary>Malformed requests, secrets at rest, and TOTPs imported from another system.</summary>
public abstract partial class TotpContract
{
    [Fact]
    public async Task Malformed_requests_get_precise_errors_change_nothing_and_cost_no_attempt()
    {
        var (user, totp) = await TotpUsers.EnrolAsync(Host, Clock);
        var withoutTotp = await TotpUsers.LogInAsync(Host);
        var rowBefore = Assert.Single(await TotpUsers.RowsAsync(Host, user.UserId));
        var unknownUser = "user-live-" + Guid.NewGuid().ToString("D");
        var recoveryShaped = totp.RecoveryCodes[0];

        (object Body, string Path, HttpStatusCode Status, string ErrorType)[] cases =
        [
            (new { }, "/v1/totps", HttpStatusCode.BadRequest, "invalid_user_id"),
            (new { user_id = 42 }, "/v1/totps", HttpStatusCode.BadRequest, "invalid_user_id"),
            (new { user_id = user.UserId, expiration_minutes = "ten" }, "/v1/totps", HttpStatusCode.BadRequest, "invalid_expiration"),
            (new { user_id = user.UserId, expiration_minutes = 4 }, "/v1/totps", HttpStatusCode.BadRequest, "invalid_expiration"),
            (new { user_id = user.UserId, expiration_minutes = 1441 }, "/v1/totps", HttpStatusCode.BadRequest, "invalid_expiration"),
            (new { user_id = unknownUser }, "/v1/totps", HttpStatusCode.NotFound, "user_not_found"),
            (new { totp_code = "123456" }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "invalid_user_id"),
            (new { user_id = user.UserId }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "invalid_totp_code"),
            (new { user_id = user.UserId, totp_code = 123456 }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "invalid_totp_code"),
            (new { user_id = user.UserId, totp_code = "12345" }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "invalid_totp_code"),
            (new { user_id = user.UserId, totp_code = "12345a" }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "invalid_totp_code"),
            (new { user_id = user.UserId, totp_code = "１２３４５６" }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "invalid_totp_code"),
            (new { user_id = user.UserId, totp_code = recoveryShaped }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "recovery_code_used_as_totp_code"),
            (new { user_id = user.UserId, totp_code = "123456", session_duration_minutes = 1 }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "invalid_session_duration_minutes"),
            (new { user_id = user.UserId, totp_code = "123456", session_token = "a", session_jwt = "b" }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "too_many_session_arguments"),
            (new { user_id = user.UserId, totp_code = "123456", session_custom_claims = "x" }, "/v1/totps/authenticate", HttpStatusCode.BadRequest, "bad_request"),
            (new { user_id = unknownUser, totp_code = "123456" }, "/v1/totps/authenticate", HttpStatusCode.NotFound, "user_not_found"),
            (new { user_id = withoutTotp.UserId, totp_code = "123456" }, "/v1/totps/authenticate", HttpStatusCode.NotFound, "totp_not_found"),
            (new { user_id = user.UserId, recovery_code = "123456" }, "/v1/totps/recover", HttpStatusCode.BadRequest, "totp_code_used_as_recovery_code"),
            (new { user_id = user.UserId, recovery_code = "short" }, "/v1/totps/recover", HttpStatusCode.BadRequest, "invalid_recovery_code"),
            (new { user_id = user.UserId, recovery_code = 12345678 }, "/v1/totps/recover", HttpStatusCode.BadRequest, "invalid_recovery_code"),
            (new { user_id = user.UserId }, "/v1/totps/recover", HttpStatusCode.BadRequest, "invalid_recovery_code"),
            (new { user_id = true }, "/v1/totps/recovery_codes", HttpStatusCode.BadRequest, "invalid_user_id"),
            (new { user_id = unknownUser }, "/v1/totps/recovery_codes", HttpStatusCode.NotFound, "user_not_found"),
        ];

        var answers = new List<ApiAnswer>();
        foreach (var (body, path, _, _) in cases)
        {
            answers.Add(await Client.PostAsync(path, body));
        }

        var notJson = await Client.SendJsonAsync(HttpMethod.Post, "/v1/totps/authenticate", "{\"user_id\":");
        var badId = await Client.DeleteJsonAsync("/v1/users/totps/totp-live-nope");
        var unknownId = await Client.DeleteJsonAsync($"/v1/users/totps/totp-live-{Guid.NewGuid():D}");
        var rowAfter = Assert.Single(await TotpUsers.RowsAsync(Host, user.UserId));
        var right = await Authenticate(user.UserId, await Otplib.CodeAsync(totp.Secret, Clock.GetUtcNow()));

        Assert.All(cases.Zip(answers), pair => Assert.True(
            (pair.First.Status, pair.First.ErrorType) == (pair.Second.Status, pair.Second.ErrorType),
            $"{pair.First.Path} {System.Text.Json.JsonSerializer.Serialize(pair.First.Body)}: expected {(int)pair.First.Status} {pair.First.ErrorType}, got {pair.Second}"));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (notJson.Status, notJson.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_totp_id"), (badId.Status, badId.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "totp_not_found"), (unknownId.Status, unknownId.ErrorType));
        Assert.Equal((0, null), (rowAfter.FailedAttempts, rowAfter.AttemptWindowStartedAt));
        Assert.Equal((rowBefore.LastUsedStep, rowBefore.Verified), (rowAfter.LastUsedStep, rowAfter.Verified));
        Assert.Empty(await TotpUsers.RowsAsync(Host, withoutTotp.UserId));
        Assert.Equal(HttpStatusCode.OK, right.Status);
    }

    [Fact]
    public async Task Secrets_and_recovery_codes_are_stored_sealed_never_in_plaintext()
    {
        var user = await TotpUsers.LogInAsync(Host);
        var totp = await TotpUsers.CreateAsync(Host, user.UserId);

        var row = Assert.Single(await TotpUsers.RowsAsync(Host, user.UserId));
        var codes = await TotpUsers.RecoveryRowsAsync(Host, totp.TotpId);

        var rawSecret = Base32Encoding.ToBytes(totp.Secret);
        Assert.Equal(20, rawSecret.Length);
        // "gk1", the key id's length and the id, then nonce, tag and the 20-byte secret.
        var keyId = Host.EncryptionKeys[..Host.EncryptionKeys.IndexOf(':', StringComparison.Ordinal)];
        Assert.Equal(3 + 1 + keyId.Length + 12 + 16 + 20, row.EncryptedSecret.Length);
        Assert.False(Contains(row.EncryptedSecret, rawSecret));
        Assert.False(Contains(row.EncryptedSecret, Encoding.ASCII.GetBytes(totp.Secret)));
        Assert.Equal(10, codes.Count);
        Assert.All(codes, stored => Assert.All(totp.RecoveryCodes, code =>
        {
            Assert.False(Contains(stored.EncryptedCode, Encoding.ASCII.GetBytes(code)));
            Assert.False(Contains(stored.EncryptedCode, Encoding.ASCII.GetBytes(code.Replace("-", "", StringComparison.Ordinal))));
        }));
    }

    [Fact]
    public async Task An_imported_totp_is_verified_at_once_and_its_secret_and_recovery_codes_work()
    {
        var user = await TotpUsers.LogInAsync(Host);
        // RFC 6238's test key ("12345678901234567890"), written as an export might: lower case, spaced.
        const string exported = "gezd gnbv gy3t qojq gezd gnbv gy3t qojq";

        var imported = await ImportAsync(user.UserId, exported, ["Legacy-Code-0001", "legacy-code-0002"]);
        var twice = await ImportAsync(user.UserId, exported, null);
        var badSecret = await ImportAsync(user.UserId, "not base32!", null);
        var badCode = await ImportAsync(user.UserId, exported, ["x"]);
        var fetched = await Client.GetJsonAsync($"/v1/users/{user.UserId}");
        var code = await Authenticate(user.UserId, await Otplib.CodeAsync("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Clock.GetUtcNow()));
        var recovered = await Client.PostAsync("/v1/totps/recover", new { user_id = user.UserId, recovery_code = "LEGACY-CODE-0002" });

        Assert.True(imported.Succeeded);
        var listed = Assert.Single(fetched.Body.GetProperty("totps").EnumerateArray());
        Assert.Equal((imported.Value.TotpId, true), (listed.GetProperty("totp_id").GetString(), listed.GetProperty("verified").GetBoolean()));
        Assert.Equal("active_totp_exists", twice.Error?.ErrorType);
        Assert.Equal("bad_request", badSecret.Error?.ErrorType);
        Assert.Equal("invalid_recovery_code", badCode.Error?.ErrorType);
        Assert.Equal(HttpStatusCode.OK, code.Status);
        Assert.Equal(HttpStatusCode.OK, recovered.Status);
    }

    private async Task<Godwit.Core.Errors.Result<UserTotp>> ImportAsync(string userId, string secret, IReadOnlyList<string>? codes)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TotpService>().ImportAsync(userId, secret, codes, TestContext.Current.CancellationToken);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
