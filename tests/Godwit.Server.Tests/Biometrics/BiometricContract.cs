using System.Net;
using Godwit.Core.Biometrics;
using Godwit.Server.Tests.Sessions;
using Godwit.Server.Tests.Users;
using Godwit.Storage;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Biometrics;

/// <summary>Biometric keys end to end, with keys made in the test, on every database and a fake clock.</summary>
public abstract class BiometricContract
{
    private static readonly TimeSpan ChallengeLifetime = new BiometricOptions().ChallengeLifetime;

    protected abstract ClockedGodwit Godwit { get; }

    private FakeTimeProvider Clock => Godwit.Clock;

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_pending_user_is_refused_and_nothing_is_stored_until_their_first_email_code_login()
    {
        var email = ApiCalls.UniqueEmail("pending");
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        var userId = sent.Text("user_id");
        using var device = TestDevice.Ed25519();

        var refused = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = userId });

        Assert.Equal((HttpStatusCode.BadRequest, "cannot_use_biometrics_with_pending_user"), (refused.Status, refused.ErrorType));
        Assert.Equal(0, await CountRowsAsync(userId));

        await FirstLogin.CompleteAsync(Godwit.Host, email, sent.Text("email_id"));
        var accepted = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = userId });

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.StartsWith("biometric-registration-live-", accepted.Text("biometric_registration_id"), StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(accepted.Text("challenge")).Length);
    }

    [Fact]
    public async Task An_active_user_with_an_unverified_email_cannot_enrol()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("unverified") });
        using var device = TestDevice.Ed25519();

        var refused = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = userId });

        Assert.Equal((HttpStatusCode.BadRequest, "second_factor_unverified_primary_factor"), (refused.Status, refused.ErrorType));
        Assert.Equal(0, await CountRowsAsync(userId));
    }

    [Fact]
    public async Task An_ed25519_key_registers_and_then_logs_in_on_a_new_session_with_the_biometric_factor()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.Ed25519();

        var registered = await RegisterAsync(device, new { public_key = device.PublicKey, user_id = person.UserId });
        var started = await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });
        var login = await Client.PostAsync("/v1/biometrics/authenticate", new
        {
            biometric_registration_id = started.Text("biometric_registration_id"),
            signature = device.Sign(started.Text("challenge")),
            session_duration_minutes = 30,
        });

        Assert.Equal(registered, started.Text("biometric_registration_id"));
        Assert.Equal(person.UserId, started.Text("user_id"));
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(registered, login.Text("biometric_registration_id"));
        var factor = Assert.Single(login.Body.GetProperty("session").GetProperty("authentication_factors").EnumerateArray());
        Assert.Equal(("signature_challenge", "biometric"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.Equal(registered, factor.GetProperty("biometric_factor").GetProperty("biometric_registration_id").GetString());
        var listed = Assert.Single(login.Body.GetProperty("user").GetProperty("biometric_registrations").EnumerateArray());
        Assert.Equal(registered, listed.GetProperty("biometric_registration_id").GetString());
        Assert.True(listed.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_p256_key_registered_by_session_token_joins_that_session_and_a_login_by_jwt_lists_the_factor_in_the_jwt()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.P256();

        var start = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, session_token = person.SessionToken });
        var registered = await Client.PostAsync("/v1/biometrics/register", new
        {
            biometric_registration_id = start.Text("biometric_registration_id"),
            signature = device.Sign(start.Text("challenge")),
            session_token = person.SessionToken,
        });
        var login = await LogInAsync(device, new { session_jwt = person.SessionJwt });

        Assert.Equal(person.UserId, start.Text("user_id"));
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.Equal(person.SessionToken, registered.Text("session_token"));
        Assert.Equal(["otp", "signature_challenge"], FactorTypes(registered.Body.GetProperty("session")));
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(registered.Body.GetProperty("session").GetProperty("session_id").GetString(), login.Body.GetProperty("session").GetProperty("session_id").GetString());
        var claim = JwtParts.Payload(login.Text("session_jwt")).GetProperty("https://stytch.com/session");
        Assert.Contains(claim.GetProperty("authentication_factors").EnumerateArray(), f =>
            f.TryGetProperty("biometric_factor", out var b) && b.GetProperty("biometric_registration_id").GetString() == start.Text("biometric_registration_id"));
    }

    [Fact]
    public async Task A_p256_key_as_a_raw_point_with_r_s_signatures_works_like_its_spki_form_and_cannot_be_registered_twice()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.P256(rawPoint: true, derSignatures: false);
        await RegisterAsync(device, new { public_key = device.PublicKey, user_id = person.UserId });

        var login = await LogInAsync(device, new { session_duration_minutes = 10 });
        var again = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = person.UserId });
        var other = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        var elsewhere = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = other.UserId });

        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_biometric_registration"), (again.Status, again.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_biometric_registration"), (elsewhere.Status, elsewhere.ErrorType));
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_and_spends_the_challenge()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.Ed25519();
        using var thief = TestDevice.Ed25519();
        var start = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = person.UserId });
        var id = start.Text("biometric_registration_id");

        var forged = await Client.PostAsync("/v1/biometrics/register", new { biometric_registration_id = id, signature = thief.Sign(start.Text("challenge")) });
        var late = await Client.PostAsync("/v1/biometrics/register", new { biometric_registration_id = id, signature = device.Sign(start.Text("challenge")) });

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_register_biometric_registration"), (forged.Status, forged.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_register_biometric_registration"), (late.Status, late.ErrorType));
        Assert.Empty((await Client.GetJsonAsync($"/v1/users/{person.UserId}")).Body.GetProperty("biometric_registrations").EnumerateArray());

        await RegisterAsync(device, new { public_key = device.PublicKey, user_id = person.UserId });
        var loginStart = await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });
        var wrong = await Client.PostAsync("/v1/biometrics/authenticate", new { biometric_registration_id = loginStart.Text("biometric_registration_id"), signature = thief.Sign(loginStart.Text("challenge")) });
        var right = await Client.PostAsync("/v1/biometrics/authenticate", new { biometric_registration_id = loginStart.Text("biometric_registration_id"), signature = device.Sign(loginStart.Text("challenge")) });

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_biometric_registration"), (wrong.Status, wrong.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_biometric_registration"), (right.Status, right.ErrorType));
    }

    [Fact]
    public async Task A_login_challenge_is_single_use_and_a_newer_one_voids_the_older()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.Ed25519();
        var id = await RegisterAsync(device, new { public_key = device.PublicKey, user_id = person.UserId });

        var first = await Client.PostAsync("/v1/biometrics/authenticate/start", new { biometric_registration_id = id });
        await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });
        var superseded = await Client.PostAsync("/v1/biometrics/authenticate", new { biometric_registration_id = id, signature = device.Sign(first.Text("challenge")) });
        var fresh = await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });
        var accepted = await Client.PostAsync("/v1/biometrics/authenticate", new { biometric_registration_id = id, signature = device.Sign(fresh.Text("challenge")) });
        var replayed = await Client.PostAsync("/v1/biometrics/authenticate", new { biometric_registration_id = id, signature = device.Sign(fresh.Text("challenge")) });

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_biometric_registration"), (superseded.Status, superseded.ErrorType));
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_biometric_registration"), (replayed.Status, replayed.ErrorType));
    }

    [Fact]
    public async Task Challenges_work_until_one_second_before_their_lifetime_and_not_at_it()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.Ed25519();
        var start = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = person.UserId });
        Clock.Advance(ChallengeLifetime - TimeSpan.FromSeconds(1));
        var justInTime = await Client.PostAsync("/v1/biometrics/register", new { biometric_registration_id = start.Text("biometric_registration_id"), signature = device.Sign(start.Text("challenge")) });

        var login = await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });
        Clock.Advance(ChallengeLifetime);
        var expired = await Client.PostAsync("/v1/biometrics/authenticate", new { biometric_registration_id = login.Text("biometric_registration_id"), signature = device.Sign(login.Text("challenge")) });

        using var late = TestDevice.Ed25519();
        var lateStart = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = late.PublicKey, user_id = person.UserId });
        Clock.Advance(ChallengeLifetime);
        var lateRegister = await Client.PostAsync("/v1/biometrics/register", new { biometric_registration_id = lateStart.Text("biometric_registration_id"), signature = late.Sign(lateStart.Text("challenge")) });

        Assert.Equal(HttpStatusCode.OK, justInTime.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_biometric_registration"), (expired.Status, expired.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_register_biometric_registration"), (lateRegister.Status, lateRegister.ErrorType));
    }

    [Fact]
    public async Task An_unknown_key_or_registration_is_biometric_registration_not_found()
    {
        using var stranger = TestDevice.Ed25519();
        var unknownId = "biometric-registration-live-" + Guid.NewGuid().ToString("D");

        var byKey = await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = stranger.PublicKey });
        var byId = await Client.PostAsync("/v1/biometrics/authenticate/start", new { biometric_registration_id = unknownId });
        var authenticate = await Client.PostAsync("/v1/biometrics/authenticate", new { biometric_registration_id = unknownId, signature = stranger.Sign(Convert.ToBase64String(new byte[32])) });
        var register = await Client.PostAsync("/v1/biometrics/register", new { biometric_registration_id = unknownId, signature = stranger.Sign(Convert.ToBase64String(new byte[32])) });
        var delete = await Client.DeleteJsonAsync($"/v1/users/biometric_registrations/{unknownId}");

        foreach (var answer in new[] { byKey, byId, authenticate, register, delete })
        {
            Assert.Equal((HttpStatusCode.NotFound, "biometric_registration_not_found"), (answer.Status, answer.ErrorType));
        }
    }

    [Fact]
    public async Task Malformed_keys_signatures_and_ids_are_precise_client_errors()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        byte[] offCurve = [0x04, .. Enumerable.Repeat((byte)1, 64)];
        async Task<string> StartWith(object publicKey) =>
            (await Client.PostAsync("/v1/biometrics/register/start", new { public_key = publicKey, user_id = person.UserId })).ErrorType;

        Assert.Equal("public_key_missing", await StartWith(""));
        Assert.Equal("invalid_public_key", await StartWith("not base64 at all!"));
        Assert.Equal("invalid_public_key", await StartWith(Convert.ToBase64String(new byte[31])));
        Assert.Equal("invalid_public_key", await StartWith(Convert.ToBase64String(offCurve)));
        Assert.Equal("invalid_public_key", await StartWith(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())));
        Assert.Equal("invalid_public_key", await StartWith(Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo())));
        Assert.Equal("invalid_public_key", await StartWith(42));
        using var unowned = TestDevice.Ed25519();
        var noUser = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = unowned.PublicKey });
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_user_id"), (noUser.Status, noUser.ErrorType));

        using var device = TestDevice.Ed25519();
        var start = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = person.UserId });
        var id = start.Text("biometric_registration_id");

        async Task<ApiAnswer> RegisterWith(object? registrationId, object? signature) =>
            await Client.PostAsync("/v1/biometrics/register", new { biometric_registration_id = registrationId, signature });

        var missing = await RegisterWith(id, null);
        var notBase64 = await RegisterWith(id, "%%%");
        var wrongType = await RegisterWith(id, 7);
        var tooShort = await RegisterWith(id, Convert.ToBase64String(new byte[63]));
        var badId = await RegisterWith("biometric-registration-live-nope", device.Sign(start.Text("challenge")));
        var badSession = await Client.PostAsync("/v1/biometrics/register", new { biometric_registration_id = id, signature = device.Sign(start.Text("challenge")), session_duration_minutes = 1 });
        var stillGood = await RegisterWith(id, device.Sign(start.Text("challenge")));

        Assert.Equal((HttpStatusCode.BadRequest, "signature_missing"), (missing.Status, missing.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "could_not_parse_biometric_signature"), (notBase64.Status, notBase64.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "could_not_parse_biometric_signature"), (wrongType.Status, wrongType.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "signature_is_incorrect_size"), (tooShort.Status, tooShort.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_biometric_registration_id"), (badId.Status, badId.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_session_duration_minutes"), (badSession.Status, badSession.ErrorType));
        // None of the refusals above spent the challenge.
        Assert.Equal(HttpStatusCode.OK, stillGood.Status);

        var startWithNothing = await Client.PostAsync("/v1/biometrics/authenticate/start", new { });
        var startWithBadId = await Client.PostAsync("/v1/biometrics/authenticate/start", new { biometric_registration_id = "x" });
        var deleteBadId = await Client.DeleteJsonAsync("/v1/users/biometric_registrations/x");
        Assert.Equal((HttpStatusCode.BadRequest, "public_key_missing"), (startWithNothing.Status, startWithNothing.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_biometric_registration_id"), (startWithBadId.Status, startWithBadId.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_biometric_registration_id"), (deleteBadId.Status, deleteBadId.ErrorType));
    }

    [Fact]
    public async Task A_session_of_another_user_is_refused_and_the_registration_is_not_kept()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        var other = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.Ed25519();
        var start = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = person.UserId });

        var mismatch = await Client.PostAsync("/v1/biometrics/register/start", new { public_key = device.PublicKey, user_id = person.UserId, session_token = other.SessionToken });
        var refused = await Client.PostAsync("/v1/biometrics/register", new
        {
            biometric_registration_id = start.Text("biometric_registration_id"),
            signature = device.Sign(start.Text("challenge")),
            session_token = other.SessionToken,
        });

        Assert.Equal((HttpStatusCode.BadRequest, "user_id_mismatch"), (mismatch.Status, mismatch.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (refused.Status, refused.ErrorType));
        Assert.Empty((await Client.GetJsonAsync($"/v1/users/{person.UserId}")).Body.GetProperty("biometric_registrations").EnumerateArray());
    }

    [Fact]
    public async Task Deleting_a_registration_removes_it_from_the_user_and_its_key_no_longer_logs_in()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.Ed25519();
        var id = await RegisterAsync(device, new { public_key = device.PublicKey, user_id = person.UserId });

        var deleted = await Client.DeleteJsonAsync($"/v1/users/biometric_registrations/{id}");
        var start = await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(person.UserId, deleted.Text("user_id"));
        Assert.Empty(deleted.Body.GetProperty("user").GetProperty("biometric_registrations").EnumerateArray());
        Assert.Equal((HttpStatusCode.NotFound, "biometric_registration_not_found"), (start.Status, start.ErrorType));
    }

    [Fact]
    public async Task Deleting_the_user_deletes_its_biometric_registrations_and_challenges()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        using var device = TestDevice.P256();
        await RegisterAsync(device, new { public_key = device.PublicKey, user_id = person.UserId });
        await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });

        var deleted = await Client.DeleteJsonAsync($"/v1/users/{person.UserId}");
        var start = await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(0, await CountRowsAsync(person.UserId));
        Assert.Equal((HttpStatusCode.NotFound, "biometric_registration_not_found"), (start.Status, start.ErrorType));
    }

    /// <summary>Registers the device for the user the start request names; returns the registration id.</summary>
    private async Task<string> RegisterAsync(TestDevice device, object startBody)
    {
        var start = await Client.PostAsync("/v1/biometrics/register/start", startBody);
        Assert.True(start.Status == HttpStatusCode.OK, start.ToString());
        var registered = await Client.PostAsync("/v1/biometrics/register", new
        {
            biometric_registration_id = start.Text("biometric_registration_id"),
            signature = device.Sign(start.Text("challenge")),
        });
        Assert.True(registered.Status == HttpStatusCode.OK, registered.ToString());
        Assert.Equal("", registered.Text("session_token"));
        return registered.Text("biometric_registration_id");
    }

    private async Task<ApiAnswer> LogInAsync(TestDevice device, object sessionFields)
    {
        var start = await Client.PostAsync("/v1/biometrics/authenticate/start", new { public_key = device.PublicKey });
        Assert.True(start.Status == HttpStatusCode.OK, start.ToString());
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(sessionFields))!.AsObject();
        body["biometric_registration_id"] = start.Text("biometric_registration_id");
        body["signature"] = device.Sign(start.Text("challenge"));
        return await Client.SendJsonAsync(HttpMethod.Post, "/v1/biometrics/authenticate", body.ToJsonString());
    }

    private static string[] FactorTypes(System.Text.Json.JsonElement session) =>
        session.GetProperty("authentication_factors").EnumerateArray().Select(f => f.GetProperty("type").GetString()!).Order(StringComparer.Ordinal).ToArray();

    private async Task<int> CountRowsAsync(string userId)
    {
        await using var scope = Godwit.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        return await db.Set<BiometricChallenge>().CountAsync(c => c.UserId == userId, TestContext.Current.CancellationToken)
            + await db.Set<BiometricRegistration>().CountAsync(r => r.UserId == userId, TestContext.Current.CancellationToken);
    }
}

public sealed class BiometricsOnSqlite(ClockedSqliteGodwit godwit) : BiometricContract, IClassFixture<ClockedSqliteGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}

public sealed class BiometricsOnPostgres(ClockedPostgresGodwit godwit) : BiometricContract, IClassFixture<ClockedPostgresGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}
