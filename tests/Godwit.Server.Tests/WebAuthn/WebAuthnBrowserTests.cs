using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Security;
using Godwit.Core.WebAuthn;
using Godwit.Server.Tests.Sessions;
using Godwit.Server.Tests.Users;
using Godwit.Storage;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.WebAuthn;

/// <summary>Passkeys made and used by a real browser's WebAuthn stack, against Godwit on SQLite.</summary>
public sealed class WebAuthnBrowserTests(BrowserGodwit godwit) : IClassFixture<BrowserGodwit>, IAsyncLifetime
{
    private static readonly TimeSpan ChallengeLifetime = new WebAuthnOptions().ChallengeLifetime;

    private HttpClient Client => godwit.Host.Client;

    private ChromiumAuthenticator Browser => godwit.Browser;

    /// <summary>Each test starts with an empty authenticator: a passkey login must find only its own credential.</summary>
    public async ValueTask InitializeAsync()
    {
        if (ChromiumAuthenticator.UnavailableReason() is null)
        {
            await Browser.ResetAsync();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_pending_user_is_refused_and_after_their_first_email_code_login_registers_a_passkey_in_chromium()
    {
        var email = ApiCalls.UniqueEmail("pending");
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        var userId = sent.Text("user_id");

        var refused = await Client.PostAsync("/v1/webauthn/register/start", new { user_id = userId, domain = "localhost", use_base64_url_encoding = true });
        await FirstLogin.CompleteAsync(godwit.Host, email, sent.Text("email_id"));
        var registered = await RegisterAsync(userId, new { });

        Assert.Equal((HttpStatusCode.BadRequest, "cannot_use_webauthn_with_pending_user"), (refused.Status, refused.ErrorType));
        var registration = Assert.Single(registered.Body.GetProperty("user").GetProperty("webauthn_registrations").EnumerateArray());
        Assert.Equal(registered.Text("webauthn_registration_id"), registration.GetProperty("webauthn_registration_id").GetString());
        Assert.Equal("localhost", registration.GetProperty("domain").GetString());
        Assert.Equal("Chromium (Godwit tests)", registration.GetProperty("user_agent").GetString());
        Assert.True(registration.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_passkey_joins_the_session_by_token_and_later_logs_in_without_a_user_id_by_jwt_which_lists_it()
    {
        var person = await FirstLogin.ByEmailCodeAsync(godwit.Host);

        var registered = await RegisterAsync(person.UserId, new { session_token = person.SessionToken });
        var start = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", return_passkey_credential_options = true, use_base64_url_encoding = true });
        var assertion = await Browser.LoginAsync(start.Text("public_key_credential_request_options"));
        var login = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = assertion.Credential, session_jwt = registered.Text("session_jwt") });

        Assert.Equal(person.SessionToken, registered.Text("session_token"));
        Assert.Equal(["otp", "webauthn"], FactorTypes(registered.Body.GetProperty("session")));
        Assert.True(assertion.Ok, assertion.Error);
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(person.UserId, login.Text("user_id"));
        Assert.Equal(registered.Text("webauthn_registration_id"), login.Text("webauthn_registration_id"));
        Assert.Equal(registered.Body.GetProperty("session").GetProperty("session_id").GetString(), login.Body.GetProperty("session").GetProperty("session_id").GetString());
        var factor = JwtParts.Payload(login.Text("session_jwt")).GetProperty("https://stytch.com/session").GetProperty("authentication_factors").EnumerateArray()
            .Single(f => f.GetProperty("type").GetString() == "webauthn");
        Assert.Equal("webauthn_registration", factor.GetProperty("delivery_method").GetString());
        Assert.Equal(registered.Text("webauthn_registration_id"), factor.GetProperty("webauthn_factor").GetProperty("webauthn_registration_id").GetString());
        Assert.Equal("localhost", factor.GetProperty("webauthn_factor").GetProperty("domain").GetString());
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused()
    {
        var person = await FirstLogin.ByEmailCodeAsync(godwit.Host);
        await RegisterAsync(person.UserId, new { });
        var assertion = await AssertAsync(new { domain = "localhost", user_id = person.UserId, use_base64_url_encoding = true });

        var first = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = assertion, session_duration_minutes = 60 });
        var replay = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = assertion, session_duration_minutes = 60 });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotEmpty(first.Text("session_token"));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_webauthn_registration"), (replay.Status, replay.ErrorType));
    }

    [Fact]
    public async Task Challenges_work_until_one_second_before_their_lifetime_and_not_at_it()
    {
        var person = await FirstLogin.ByEmailCodeAsync(godwit.Host);
        var creation = await StartRegistrationAsync(person.UserId);
        var created = await Browser.RegisterAsync(creation);
        godwit.Clock.Advance(ChallengeLifetime);
        var lateRegistration = await Client.PostAsync("/v1/webauthn/register", new { user_id = person.UserId, public_key_credential = created.Credential });

        await RegisterAsync(person.UserId, new { }, beforeFinishing: () => godwit.Clock.Advance(ChallengeLifetime - TimeSpan.FromSeconds(1)));
        var timely = await AssertAsync(new { domain = "localhost", user_id = person.UserId, use_base64_url_encoding = true });
        godwit.Clock.Advance(ChallengeLifetime - TimeSpan.FromSeconds(1));
        var justInTime = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = timely });
        var late = await AssertAsync(new { domain = "localhost", user_id = person.UserId, use_base64_url_encoding = true });
        godwit.Clock.Advance(ChallengeLifetime);
        var expired = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = late });

        Assert.Equal((HttpStatusCode.BadRequest, "no_pending_webauthn_registration"), (lateRegistration.Status, lateRegistration.ErrorType));
        Assert.Equal(HttpStatusCode.OK, justInTime.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_webauthn_registration"), (expired.Status, expired.ErrorType));
    }

    [Fact]
    public async Task A_page_on_an_origin_godwit_does_not_allow_can_neither_register_nor_log_in()
    {
        var person = await FirstLogin.ByEmailCodeAsync(godwit.Host);
        var elsewhere = $"http://localhost:{Browser.OtherPort}";

        var created = await Browser.RegisterAsync(await StartRegistrationAsync(person.UserId), origin: elsewhere);
        var refusedRegistration = await Client.PostAsync("/v1/webauthn/register", new { user_id = person.UserId, public_key_credential = created.Credential });
        await RegisterAsync(person.UserId, new { });
        var start = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", user_id = person.UserId, use_base64_url_encoding = true });
        var assertion = await Browser.LoginAsync(start.Text("public_key_credential_request_options"), origin: elsewhere);
        var refusedLogin = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = assertion.Credential });

        Assert.True(created.Ok, created.Error);
        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_register_webauthn_registration"), (refusedRegistration.Status, refusedRegistration.ErrorType));
        Assert.Contains(elsewhere, refusedRegistration.Text("error_message"), StringComparison.Ordinal);
        Assert.True(assertion.Ok, assertion.Error);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_webauthn_registration"), (refusedLogin.Status, refusedLogin.ErrorType));
        Assert.Single((await Client.GetJsonAsync($"/v1/users/{person.UserId}")).Body.GetProperty("webauthn_registrations").EnumerateArray());
    }

    [Fact]
    public async Task A_credential_scoped_to_another_relying_party_id_than_the_ceremony_is_refused()
    {
        var person = await FirstLogin.ByEmailCodeAsync(godwit.Host);
        var app = $"http://app.localhost:{Browser.Port}";

        // Godwit starts the ceremony for localhost; the page on app.localhost (an origin localhost allows)
        // scopes the credential to its own host instead, so the authenticator data names another RP id.
        var created = await Browser.RegisterAsync(await StartRegistrationAsync(person.UserId), origin: app, rpId: "app.localhost");
        var refused = await Client.PostAsync("/v1/webauthn/register", new { user_id = person.UserId, public_key_credential = created.Credential });

        // A credential registered for app.localhost cannot answer a login Godwit started for localhost.
        var appCredential = await Browser.RegisterAsync(await StartRegistrationAsync(person.UserId, "app.localhost"), origin: app);
        var registered = await Client.PostAsync("/v1/webauthn/register", new { user_id = person.UserId, public_key_credential = appCredential.Credential });
        var start = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", return_passkey_credential_options = true, use_base64_url_encoding = true });
        var assertion = await Browser.LoginAsync(start.Text("public_key_credential_request_options"), origin: app, rpId: "app.localhost");
        var refusedLogin = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = assertion.Credential });

        Assert.True(created.Ok, created.Error);
        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_register_webauthn_registration"), (refused.Status, refused.ErrorType));
        Assert.Contains("RPID hash does not match", refused.Text("error_message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.Equal("app.localhost", registered.Body.GetProperty("user").GetProperty("webauthn_registrations")[0].GetProperty("domain").GetString());
        Assert.True(assertion.Ok, assertion.Error);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_webauthn_registration"), (refusedLogin.Status, refusedLogin.ErrorType));
        Assert.Contains("another domain", refusedLogin.Text("error_message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_attestation_or_signature_and_a_counter_that_did_not_grow_are_refused()
    {
        var person = await FirstLogin.ByEmailCodeAsync(godwit.Host);
        var created = await Browser.RegisterAsync(await StartRegistrationAsync(person.UserId));
        var wrongFormat = Tamper(created.Credential!, "attestationObject", bytes => Replace(bytes, "dnone"u8, "dnono"u8));
        var refusedRegistration = await Client.PostAsync("/v1/webauthn/register", new { user_id = person.UserId, public_key_credential = wrongFormat });

        var registered = await RegisterAsync(person.UserId, new { });
        var assertion = await AssertAsync(new { domain = "localhost", user_id = person.UserId, use_base64_url_encoding = true });
        var forged = Tamper(assertion, "signature", bytes => { bytes[^1] ^= 0x01; return bytes; });
        var refusedSignature = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = forged });

        var garbage = new List<ApiAnswer>();
        foreach (var replace in new Func<byte[], byte[]>[] { _ => [1, 2, 3], _ => new byte[64], _ => [0x30, 0x00], _ => [0x30, 0x81, 0xff, 0x02] })
        {
            var signed = await AssertAsync(new { domain = "localhost", user_id = person.UserId, use_base64_url_encoding = true });
            garbage.Add(await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = Tamper(signed, "signature", replace) }));
        }

        var flags = Tamper(await AssertAsync(new { domain = "localhost", user_id = person.UserId, use_base64_url_encoding = true }), "authenticatorData", bytes => { bytes[32] |= 0xC0; return bytes; });
        var badFlags = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = flags });

        await SetSignCountAsync(registered.Text("webauthn_registration_id"), 1_000_000);
        var cloned = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = await AssertAsync(new { domain = "localhost", user_id = person.UserId, use_base64_url_encoding = true }) });

        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_register_webauthn_registration"), (refusedRegistration.Status, refusedRegistration.ErrorType));
        Assert.Contains("Unknown attestation type", refusedRegistration.Text("error_message"), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_public_key_credential_invalid_signature"), (refusedSignature.Status, refusedSignature.ErrorType));
        Assert.All(garbage, answer => Assert.Equal((HttpStatusCode.Unauthorized, "invalid_public_key_credential_invalid_signature"), (answer.Status, answer.ErrorType)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_public_key_credential_invalid_authenticator_data"), (badFlags.Status, badFlags.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_webauthn_registration"), (cloned.Status, cloned.ErrorType));
        Assert.Contains("counter", cloned.Text("error_message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registration_is_renamed_listed_with_its_credential_and_deleted_after_which_it_no_longer_logs_in()
    {
        var person = await FirstLogin.ByEmailCodeAsync(godwit.Host);
        var registered = await RegisterAsync(person.UserId, new { });
        var id = registered.Text("webauthn_registration_id");
        var credentialId = JsonDocument.Parse(registered.Body.GetProperty("credential_json").GetString()!).RootElement.GetProperty("id").GetString();

        var renamed = await Client.PutAsync($"/v1/webauthn/{id}", new { name = "Work laptop" });
        var listed = await Client.GetJsonAsync($"/v1/webauthn/credentials/{person.UserId}/localhost");
        var user = await Client.GetJsonAsync($"/v1/users/{person.UserId}");
        var deleted = await Client.DeleteJsonAsync($"/v1/users/webauthn_registrations/{id}");
        var startForUser = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", user_id = person.UserId });
        var passkeyStart = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", use_base64_url_encoding = true });
        var leftover = await Browser.LoginAsync(passkeyStart.Text("public_key_credential_request_options"));
        var login = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = leftover.Credential });

        Assert.Equal("Work laptop", renamed.Body.GetProperty("webauthn_registration").GetProperty("name").GetString());
        var credential = Assert.Single(listed.Body.GetProperty("credentials").EnumerateArray());
        Assert.Equal(credentialId, credential.GetProperty("credential_id").GetString());
        Assert.Equal(id, credential.GetProperty("webauthn_registration_id").GetString());
        Assert.Equal("public-key", credential.GetProperty("type").GetString());
        Assert.True(LenientBase64.TryDecode(credential.GetProperty("public_key").GetString(), out _));
        Assert.Equal("Work laptop", user.Body.GetProperty("webauthn_registrations")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Empty(deleted.Body.GetProperty("user").GetProperty("webauthn_registrations").EnumerateArray());
        Assert.Equal((HttpStatusCode.NotFound, "no_active_webauthn_registrations"), (startForUser.Status, startForUser.ErrorType));
        Assert.True(leftover.Ok, leftover.Error);
        Assert.Equal((HttpStatusCode.NotFound, "webauthn_registration_not_found"), (login.Status, login.ErrorType));
    }

    private async Task<string> StartRegistrationAsync(string userId, string domain = "localhost")
    {
        var started = await Client.PostAsync("/v1/webauthn/register/start", new
        {
            user_id = userId,
            domain,
            user_agent = "Chromium (Godwit tests)",
            return_passkey_credential_options = true,
            use_base64_url_encoding = true,
        });
        Assert.True(started.Status == HttpStatusCode.OK, started.ToString());
        return started.Text("public_key_credential_creation_options");
    }

    /// <summary>
    /// Registers a passkey made in Chromium for the user, with the given session fields; the answer's
    /// body also carries the credential JSON under <c>credential_json</c>, for tests that look at it.
    /// </summary>
    private async Task<ApiAnswer> RegisterAsync(string userId, object sessionFields, Action? beforeFinishing = null)
    {
        var created = await Browser.RegisterAsync(await StartRegistrationAsync(userId));
        Assert.True(created.Ok, created.Error);
        beforeFinishing?.Invoke();
        var body = JsonNode.Parse(JsonSerializer.Serialize(sessionFields))!.AsObject();
        body["user_id"] = userId;
        body["public_key_credential"] = created.Credential;
        var registered = await Client.SendJsonAsync(HttpMethod.Post, "/v1/webauthn/register", body.ToJsonString());
        Assert.True(registered.Status == HttpStatusCode.OK, registered.ToString());
        var withCredential = JsonNode.Parse(registered.Body.GetRawText())!.AsObject();
        withCredential["credential_json"] = created.Credential;
        return registered with { Body = JsonDocument.Parse(withCredential.ToJsonString()).RootElement.Clone() };
    }

    /// <summary>Starts a login with <paramref name="startBody"/> and returns the assertion Chromium made.</summary>
    private async Task<string> AssertAsync(object startBody)
    {
        var start = await Client.PostAsync("/v1/webauthn/authenticate/start", startBody);
        Assert.True(start.Status == HttpStatusCode.OK, start.ToString());
        var assertion = await Browser.LoginAsync(start.Text("public_key_credential_request_options"));
        Assert.True(assertion.Ok, assertion.Error);
        return assertion.Credential!;
    }

    private async Task SetSignCountAsync(string webAuthnRegistrationId, long signCount)
    {
        await using var scope = godwit.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Set<WebAuthnRegistration>()
            .Where(r => r.WebAuthnRegistrationId == webAuthnRegistrationId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.SignCount, signCount), TestContext.Current.CancellationToken);
    }

    /// <summary>Changes one binary member of the credential's response, keeping everything else as the browser wrote it.</summary>
    private static string Tamper(string credential, string member, Func<byte[], byte[]> change)
    {
        var json = JsonNode.Parse(credential)!.AsObject();
        var response = json["response"]!.AsObject();
        Assert.True(LenientBase64.TryDecode(response[member]!.GetValue<string>(), out var bytes));
        response[member] = SecretTokens.Base64Url(change(bytes));
        return json.ToJsonString();
    }

    private static byte[] Replace(byte[] bytes, ReadOnlySpan<byte> find, ReadOnlySpan<byte> replacement)
    {
        var at = bytes.AsSpan().IndexOf(find);
        Assert.True(at >= 0, $"'{Encoding.ASCII.GetString(find)}' is not in the attestation object.");
        var copy = bytes.ToArray();
        replacement.CopyTo(copy.AsSpan(at));
        return copy;
    }

    private static string[] FactorTypes(JsonElement session) =>
        session.GetProperty("authentication_factors").EnumerateArray().Select(f => f.GetProperty("type").GetString()!).Order(StringComparer.Ordinal).ToArray();
}
