using System.Net;
using Godwit.Server.Tests.Biometrics;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>
/// The second-factor rule for a migrated user, for every factor: freshly imported (the export did
/// not attest the email), the user may add none; after their first email-code login, each one.
/// </summary>
public sealed class ImportedUserEnrolmentTests : IAsyncLifetime
{
    private GodwitHost host = null!;

    private HttpClient Client => host.Client;

    public async ValueTask InitializeAsync() => host = await GodwitHost.StartAsync(new GodwitHostOptions
    {
        Settings = new Dictionary<string, string?>
        {
            ["Godwit:WebAuthn:RelyingPartyIds:0"] = "localhost",
            ["Godwit:WebAuthn:Origins:0"] = "http://localhost:3000",
        },
    });

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_freshly_imported_user_adds_no_second_factor_until_their_first_email_code_login()
    {
        var email = ApiCalls.UniqueEmail("imported");
        var imported = await Client.PostAsync("/v1/users/import", new { users = new[] { new { email, external_id = "legacy-" + Guid.NewGuid().ToString("N") } } });
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        var userId = imported.Body.GetProperty("results")[0].GetProperty("user_id").GetString()!;
        using var device = TestDevice.Ed25519();

        var refusals = new[]
        {
            await Client.PostAsync("/v1/totps", new { user_id = userId }),
            await Client.PostAsync("/v1/webauthn/register/start", new { user_id = userId, domain = "localhost" }),
            await Client.PostAsync("/v1/biometrics/register/start", new { user_id = userId, public_key = device.PublicKey }),
        };
        var untouched = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.All(refusals, refused => Assert.Equal((HttpStatusCode.BadRequest, "second_factor_unverified_primary_factor"), (refused.Status, refused.ErrorType)));
        Assert.Equal(0, untouched.Body.GetProperty("totps").GetArrayLength());

        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        Assert.Equal(userId, sent.Text("user_id"));
        await FirstLogin.CompleteAsync(host, email, sent.Text("email_id"));

        var totp = await Client.PostAsync("/v1/totps", new { user_id = userId });
        var webauthn = await Client.PostAsync("/v1/webauthn/register/start", new { user_id = userId, domain = "localhost" });
        var biometric = await Client.PostAsync("/v1/biometrics/register/start", new { user_id = userId, public_key = device.PublicKey });

        Assert.True(totp.Status == HttpStatusCode.OK, totp.ToString());
        Assert.True(webauthn.Status == HttpStatusCode.OK, webauthn.ToString());
        Assert.True(biometric.Status == HttpStatusCode.OK, biometric.ToString());
    }
}
