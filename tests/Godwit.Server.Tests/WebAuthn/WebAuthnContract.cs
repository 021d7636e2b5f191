using System.Net;
using System.Text;
using System.Text.Json;
using Godwit.Core.Security;
using Godwit.Core.WebAuthn;
using Godwit.Server.Tests.Users;
using Godwit.Storage;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.WebAuthn;

/// <summary>
/// WebAuthn without a browser, on every database: the enrolment rule, the options Godwit hands out,
/// and a precise client error for every malformed request. Credentials a real authenticator makes
/// are tested in <see cref="WebAuthnBrowserTests"/>.
/// </summary>
public abstract class WebAuthnContract
{
    protected abstract WebAuthnGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_pending_user_cannot_start_a_registration_and_nothing_is_stored_until_their_first_email_code_login()
    {
        var email = ApiCalls.UniqueEmail("pending");
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        var userId = sent.Text("user_id");

        var refused = await Client.PostAsync("/v1/webauthn/register/start", new { user_id = userId, domain = "localhost" });

        Assert.Equal((HttpStatusCode.BadRequest, "cannot_use_webauthn_with_pending_user"), (refused.Status, refused.ErrorType));
        Assert.Equal(0, await CountRowsAsync(userId));

        await FirstLogin.CompleteAsync(Godwit.Host, email, sent.Text("email_id"));
        var accepted = await Client.PostAsync("/v1/webauthn/register/start", new { user_id = userId, domain = "localhost" });

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(userId, accepted.Text("user_id"));
        Assert.Equal(1, await CountRowsAsync(userId));
    }

    [Fact]
    public async Task An_active_user_with_an_unverified_email_cannot_start_a_registration()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail("unverified") });

        var refused = await Client.PostAsync("/v1/webauthn/register/start", new { user_id = userId, domain = "localhost" });

        Assert.Equal((HttpStatusCode.BadRequest, "second_factor_unverified_primary_factor"), (refused.Status, refused.ErrorType));
        Assert.Equal(0, await CountRowsAsync(userId));
    }

    [Fact]
    public async Task Creation_options_name_the_relying_party_the_user_and_a_fresh_challenge_in_either_encoding()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);

        var passkey = await Client.PostAsync("/v1/webauthn/register/start", new
        {
            user_id = person.UserId,
            domain = "LocalHost",
            authenticator_type = "platform",
            return_passkey_credential_options = true,
            use_base64_url_encoding = true,
        });
        var plain = await Client.PostAsync("/v1/webauthn/register/start", new { user_id = person.UserId, domain = "localhost" });

        Assert.Equal(HttpStatusCode.OK, passkey.Status);
        using var options = JsonDocument.Parse(passkey.Text("public_key_credential_creation_options"));
        var root = options.RootElement;
        Assert.Equal("localhost", root.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("Godwit", root.GetProperty("rp").GetProperty("name").GetString());
        Assert.Equal(SecretTokens.Base64Url(Encoding.UTF8.GetBytes(person.UserId)), root.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(person.Email, root.GetProperty("user").GetProperty("name").GetString());
        Assert.True(LenientBase64.TryDecode(root.GetProperty("challenge").GetString(), out var challenge));
        Assert.Equal(32, challenge.Length);
        Assert.Equal(300_000, root.GetProperty("timeout").GetInt32());
        Assert.Equal("none", root.GetProperty("attestation").GetString());
        var selection = root.GetProperty("authenticatorSelection");
        Assert.Equal("required", selection.GetProperty("residentKey").GetString());
        Assert.Equal("preferred", selection.GetProperty("userVerification").GetString());
        Assert.Equal("platform", selection.GetProperty("authenticatorAttachment").GetString());
        Assert.Contains(root.GetProperty("pubKeyCredParams").EnumerateArray(), p => p.GetProperty("alg").GetInt32() == -7);

        using var standard = JsonDocument.Parse(plain.Text("public_key_credential_creation_options"));
        var userId = standard.RootElement.GetProperty("user").GetProperty("id").GetString()!;
        Assert.Equal(person.UserId, Encoding.UTF8.GetString(Convert.FromBase64String(userId)));
        Assert.Equal("discouraged", standard.RootElement.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
        Assert.NotEqual(root.GetProperty("challenge").GetString(), SecretTokens.Base64Url(Convert.FromBase64String(standard.RootElement.GetProperty("challenge").GetString()!)));
    }

    [Fact]
    public async Task Bad_start_requests_are_precise_client_errors()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);

        async Task<(HttpStatusCode, string)> Start(object body)
        {
            var answer = await Client.PostAsync("/v1/webauthn/register/start", body);
            return (answer.Status, answer.ErrorType);
        }

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_domain"), await Start(new { user_id = person.UserId }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_domain"), await Start(new { user_id = person.UserId, domain = "example.com" }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_user_id"), await Start(new { domain = "localhost" }));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), await Start(new { user_id = "user-live-" + Guid.NewGuid().ToString("D"), domain = "localhost" }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_authenticator_type"), await Start(new { user_id = person.UserId, domain = "localhost", authenticator_type = "usb" }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_user_agent"), await Start(new { user_id = person.UserId, domain = "localhost", user_agent = 42 }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_user_agent"), await Start(new { user_id = person.UserId, domain = "localhost", user_agent = new string('a', 1025) }));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), await Start(new { user_id = person.UserId, domain = "localhost", override_id = new string('x', 65) }));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), await Start(new { user_id = person.UserId, domain = "localhost", return_passkey_credential_options = "yes" }));
        Assert.Equal(0, await CountRowsAsync(person.UserId));

        var noRegistrations = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", user_id = person.UserId });
        var unknownUser = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", user_id = "user-live-" + Guid.NewGuid().ToString("D") });
        var noDomain = await Client.PostAsync("/v1/webauthn/authenticate/start", new { user_id = person.UserId });
        var passkey = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", return_passkey_credential_options = true });

        Assert.Equal((HttpStatusCode.NotFound, "no_active_webauthn_registrations"), (noRegistrations.Status, noRegistrations.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (unknownUser.Status, unknownUser.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_domain"), (noDomain.Status, noDomain.ErrorType));
        Assert.Equal(HttpStatusCode.OK, passkey.Status);
        Assert.Equal("", passkey.Text("user_id"));
        using var request = JsonDocument.Parse(passkey.Text("public_key_credential_request_options"));
        Assert.Equal("localhost", request.RootElement.GetProperty("rpId").GetString());
        Assert.Equal("preferred", request.RootElement.GetProperty("userVerification").GetString());
        Assert.Empty(request.RootElement.GetProperty("allowCredentials").EnumerateArray());
    }

    [Fact]
    public async Task Malformed_registration_credentials_are_precise_client_errors_and_spend_no_challenge()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        var other = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        var challenge = await StartRegistrationAsync(person.UserId);
        var othersChallenge = await StartRegistrationAsync(other.UserId);
        var clientData = ClientData("webauthn.create", challenge, WebAuthnGodwit.Origin);

        async Task<(HttpStatusCode, string)> Register(object? credential, object? extra = null)
        {
            var body = new Dictionary<string, object?> { ["user_id"] = person.UserId, ["public_key_credential"] = credential };
            if (extra is not null)
            {
                body["session_duration_minutes"] = extra;
            }

            var answer = await Client.PostAsync("/v1/webauthn/register", body);
            return (answer.Status, answer.ErrorType);
        }

        var bad = HttpStatusCode.BadRequest;
        Assert.Equal((bad, "invalid_public_key_credential"), await Register(null));
        Assert.Equal((bad, "invalid_public_key_credential"), await Register(42));
        Assert.Equal((bad, "invalid_public_key_credential"), await Register("not json"));
        Assert.Equal((bad, "invalid_public_key_credential"), await Register("[]"));
        Assert.Equal((bad, "invalid_public_key_credential"), await Register(Json(new { id = "AAAA", type = "password" })));
        Assert.Equal((bad, "invalid_public_key_credential_missing_id_field"), await Register("{}"));
        Assert.Equal((bad, "invalid_public_key_credential_missing_id_field"), await Register(new { rawId = "AAAA" }));
        Assert.Equal((bad, "invalid_public_key_credential_invalid_id"), await Register(Json(new { id = "!!" })));
        Assert.Equal((bad, "invalid_public_key_credential_invalid_id"), await Register(Json(new { id = "AAAA", rawId = "AAAB" })));
        Assert.Equal((bad, "invalid_public_key_credential_missing_response_field"), await Register(Json(new { id = "AAAA" })));
        Assert.Equal((bad, "invalid_public_key_credential_missing_client_data_json_field"), await Register(Json(new { id = "AAAA", response = new { } })));
        Assert.Equal((bad, "invalid_public_key_credential_malformed_client_data_json"), await Register(Json(new { id = "AAAA", response = new { clientDataJSON = "%%%" } })));
        Assert.Equal((bad, "invalid_public_key_credential_malformed_client_data_json"), await Register(Json(new { id = "AAAA", response = new { clientDataJSON = SecretTokens.Base64Url("{}"u8) } })));
        Assert.Equal((bad, "invalid_public_key_credential_malformed_client_data_json"), await Register(Json(new { id = "AAAA", response = new { clientDataJSON = SecretTokens.Base64Url([0xff, 0xfe]) } })));
        Assert.Equal((bad, "invalid_public_key_credential_missing_attestation_object_field"), await Register(Json(new { id = "AAAA", response = new { clientDataJSON = clientData } })));
        Assert.Equal((bad, "invalid_session_duration_minutes"), await Register(Attestation(clientData, "AAAA"), extra: 1));
        Assert.Equal((bad, "unable_to_register_webauthn_registration"), await Register(Attestation(ClientData("webauthn.get", challenge, WebAuthnGodwit.Origin), "AAAA")));
        Assert.Equal((bad, "unable_to_register_webauthn_registration"), await Register(Attestation(ClientData("webauthn.create", challenge, "https://evil.example"), "AAAA")));
        Assert.Equal((bad, "no_pending_webauthn_registration"), await Register(Attestation(ClientData("webauthn.create", SecretTokens.NewToken(), WebAuthnGodwit.Origin), "AAAA")));
        Assert.Equal((bad, "no_pending_webauthn_registration"), await Register(Attestation(ClientData("webauthn.create", othersChallenge, WebAuthnGodwit.Origin), "AAAA")));

        // Only a well-formed answer to a live challenge spends it; this one's attestation is garbage.
        Assert.Equal((bad, "invalid_public_key_credential_malformed_attestation_object"), await Register(Attestation(clientData, "AAAA")));
        Assert.Equal((bad, "no_pending_webauthn_registration"), await Register(Attestation(clientData, "AAAA")));
        Assert.Empty((await Client.GetJsonAsync($"/v1/users/{person.UserId}")).Body.GetProperty("webauthn_registrations").EnumerateArray());
    }

    [Fact]
    public async Task Malformed_assertions_are_precise_client_errors()
    {
        var started = await Client.PostAsync("/v1/webauthn/authenticate/start", new { domain = "localhost", use_base64_url_encoding = true });
        using var options = JsonDocument.Parse(started.Text("public_key_credential_request_options"));
        var challenge = options.RootElement.GetProperty("challenge").GetString()!;
        var clientData = ClientData("webauthn.get", challenge, WebAuthnGodwit.Origin);
        var authenticatorData = SecretTokens.Base64Url(new byte[37]);

        async Task<(HttpStatusCode, string)> Authenticate(object? credential)
        {
            var answer = await Client.PostAsync("/v1/webauthn/authenticate", new { public_key_credential = credential });
            return (answer.Status, answer.ErrorType);
        }

        var bad = HttpStatusCode.BadRequest;
        var unauthorized = HttpStatusCode.Unauthorized;
        Assert.Equal((bad, "invalid_public_key_credential"), await Authenticate("{"));
        Assert.Equal((bad, "invalid_public_key_credential_missing_authenticator_data_field"), await Authenticate(Json(new { id = "AAAA", response = new { clientDataJSON = clientData, signature = "AAAA" } })));
        Assert.Equal((bad, "invalid_public_key_credential_invalid_authenticator_data"), await Authenticate(Json(new { id = "AAAA", response = new { clientDataJSON = clientData, authenticatorData = "AAAA", signature = "AAAA" } })));
        Assert.Equal((bad, "invalid_public_key_credential_missing_signature_field"), await Authenticate(Json(new { id = "AAAA", response = new { clientDataJSON = clientData, authenticatorData } })));
        Assert.Equal((bad, "invalid_public_key_credential"), await Authenticate(Json(new { id = "AAAA", response = new { clientDataJSON = clientData, authenticatorData, signature = "AAAA", userHandle = "%%" } })));
        Assert.Equal((unauthorized, "unable_to_auth_webauthn_registration"), await Authenticate(Assertion(ClientData("webauthn.create", challenge, WebAuthnGodwit.Origin), authenticatorData)));
        Assert.Equal((unauthorized, "unable_to_auth_webauthn_registration"), await Authenticate(Assertion(ClientData("webauthn.get", SecretTokens.NewToken(), WebAuthnGodwit.Origin), authenticatorData)));
        Assert.Equal((unauthorized, "unable_to_auth_webauthn_registration"), await Authenticate(Assertion(ClientData("webauthn.get", challenge, "http://localhost:3001"), authenticatorData)));
        Assert.Equal((HttpStatusCode.NotFound, "webauthn_registration_not_found"), await Authenticate(Assertion(clientData, authenticatorData)));
    }

    [Fact]
    public async Task Naming_listing_and_deleting_unknown_or_malformed_registrations_are_client_errors()
    {
        var person = await FirstLogin.ByEmailCodeAsync(Godwit.Host);
        var unknown = "webauthn-registration-live-" + Guid.NewGuid().ToString("D");

        var renameBadId = await Client.PutAsync("/v1/webauthn/not-an-id", new { name = "Laptop" });
        var renameUnknown = await Client.PutAsync($"/v1/webauthn/{unknown}", new { name = "Laptop" });
        var renameEmpty = await Client.PutAsync($"/v1/webauthn/{unknown}", new { name = "" });
        var renameLong = await Client.PutAsync($"/v1/webauthn/{unknown}", new { name = new string('n', 129) });
        var listNone = await Client.GetJsonAsync($"/v1/webauthn/credentials/{person.UserId}/localhost");
        var listUnknownUser = await Client.GetJsonAsync($"/v1/webauthn/credentials/user-live-{Guid.NewGuid():D}/localhost");
        var listOtherDomain = await Client.GetJsonAsync($"/v1/webauthn/credentials/{person.UserId}/example.com");
        var deleteBadId = await Client.DeleteJsonAsync("/v1/users/webauthn_registrations/nope");
        var deleteUnknown = await Client.DeleteJsonAsync($"/v1/users/webauthn_registrations/{unknown}");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_webauthn_registration_id"), (renameBadId.Status, renameBadId.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "webauthn_registration_not_found"), (renameUnknown.Status, renameUnknown.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "empty_webauthn_registration_name"), (renameEmpty.Status, renameEmpty.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "empty_webauthn_registration_name"), (renameLong.Status, renameLong.ErrorType));
        Assert.Equal(HttpStatusCode.OK, listNone.Status);
        Assert.Empty(listNone.Body.GetProperty("credentials").EnumerateArray());
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (listUnknownUser.Status, listUnknownUser.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_domain"), (listOtherDomain.Status, listOtherDomain.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_webauthn_registration_id"), (deleteBadId.Status, deleteBadId.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "webauthn_registration_not_found"), (deleteUnknown.Status, deleteUnknown.ErrorType));
    }

    private async Task<string> StartRegistrationAsync(string userId)
    {
        var started = await Client.PostAsync("/v1/webauthn/register/start", new { user_id = userId, domain = "localhost", use_base64_url_encoding = true });
        Assert.True(started.Status == HttpStatusCode.OK, started.ToString());
        using var options = JsonDocument.Parse(started.Text("public_key_credential_creation_options"));
        return options.RootElement.GetProperty("challenge").GetString()!;
    }

    /// <summary>Client data as a browser writes it (WebAuthn §5.8.1), base64url.</summary>
    private static string ClientData(string type, string challenge, string origin) =>
        SecretTokens.Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin, crossOrigin = false }));

    private static string Attestation(string clientData, string attestationObject) =>
        Json(new { id = "AAAA", rawId = "AAAA", type = "public-key", response = new { clientDataJSON = clientData, attestationObject } });

    private static string Assertion(string clientData, string authenticatorData) =>
        Json(new { id = "AAAA", rawId = "AAAA", type = "public-key", response = new { clientDataJSON = clientData, authenticatorData, signature = "AAAA" } });

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private async Task<int> CountRowsAsync(string userId)
    {
        await using var scope = Godwit.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        return await db.Set<WebAuthnChallenge>().CountAsync(c => c.UserId == userId, TestContext.Current.CancellationToken)
            + await db.Set<WebAuthnRegistration>().CountAsync(r => r.UserId == userId, TestContext.Current.CancellationToken);
    }
}

public sealed class WebAuthnOnSqlite(WebAuthnSqliteGodwit godwit) : WebAuthnContract, IClassFixture<WebAuthnSqliteGodwit>
{
    protected override WebAuthnGodwit Godwit => godwit;
}

public sealed class WebAuthnOnPostgres(WebAuthnPostgresGodwit godwit) : WebAuthnContract, IClassFixture<WebAuthnPostgresGodwit>
{
    protected override WebAuthnGodwit Godwit => godwit;
}
