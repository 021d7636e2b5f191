using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Contracts.Passwords;
using Godwit.Testing.Http;
using Godwit.Tests.Support;

namespace Godwit.Client.Tests.Passwords;

public sealed class PasswordsClientTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>, IDisposable
{
    private const string StrongPassword = "violet-harbour-tiger-41";

    private readonly TestClient test = TestClient.For(godwit.Host);

    private GodwitClient Client => test.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_starts_a_session_and_the_password_then_authenticates()
    {
        var email = ApiCalls.UniqueEmail();

        var created = await Client.Passwords.CreateAsync(new CreatePasswordRequest { Email = email, Password = StrongPassword, SessionDurationMinutes = 60 }, Cancel);
        var login = await Client.Passwords.AuthenticateAsync(new PasswordAuthenticateRequest { Email = email, Password = StrongPassword, SessionDurationMinutes = 60 }, Cancel);

        Assert.NotEmpty(created.SessionToken);
        Assert.Equal(created.UserId, login.UserId);
        Assert.NotEmpty(login.SessionJwt);
        Assert.Equal("password", login.Session!.AuthenticationFactors[0].Type);
    }

    [Fact]
    public async Task A_migrated_md5_hash_with_its_salt_config_authenticates()
    {
        var email = ApiCalls.UniqueEmail();
#pragma warning disable CA5351 // The legacy hash is the point: applications migrate MD5 hashes they already have.
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("pepper" + StrongPassword)));
#pragma warning restore CA5351

        var migrated = await Client.Passwords.MigrateAsync(new MigratePasswordRequest
        {
            Email = email,
            Hash = hash,
            HashType = "md_5",
            Md5Config = new SaltedDigestConfigWire("pepper", ""),
            SetEmailVerified = true,
        }, Cancel);
        var login = await Client.Passwords.AuthenticateAsync(new PasswordAuthenticateRequest { Email = email, Password = StrongPassword }, Cancel);

        Assert.True(migrated.UserCreated);
        Assert.True(Assert.Single(migrated.User.Emails).Verified);
        Assert.Equal(migrated.UserId, login.UserId);
    }

    [Fact]
    public async Task A_config_without_a_typed_property_goes_under_its_wire_name()
    {
        var email = ApiCalls.UniqueEmail();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StrongPassword + "salt")));

        var migrated = await Client.Passwords.MigrateAsync(new MigratePasswordRequest
        {
            Email = email,
            Hash = hash,
            HashType = "sha_256",
            OtherConfigs = new() { ["sha_256_config"] = JsonSerializer.SerializeToElement(new JsonObject { ["prepend_salt"] = "", ["append_salt"] = "salt" }) },
        }, Cancel);
        var login = await Client.Passwords.AuthenticateAsync(new PasswordAuthenticateRequest { Email = email, Password = StrongPassword }, Cancel);

        Assert.Equal(migrated.UserId, login.UserId);
    }

    [Fact]
    public async Task A_wrong_password_is_unauthorized_credentials_and_is_not_retried()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.Passwords.CreateAsync(new CreatePasswordRequest { Email = email, Password = StrongPassword }, Cancel);

        var error = await Assert.ThrowsAsync<GodwitApiException>(() =>
            Client.Passwords.AuthenticateAsync(new PasswordAuthenticateRequest { Email = email, Password = "not-the-password-9" }, Cancel));

        Assert.Equal((401, "unauthorized_credentials"), (error.StatusCode, error.ErrorType));
        Assert.StartsWith("request-id-live-", error.RequestId, StringComparison.Ordinal);
        Assert.Equal(1, test.Log.Count("POST /v1/passwords/authenticate"));
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_weak_password()
    {
        var error = await Assert.ThrowsAsync<GodwitApiException>(() =>
            Client.Passwords.CreateAsync(new CreatePasswordRequest { Email = ApiCalls.UniqueEmail(), Password = "password" }, Cancel));

        Assert.Contains(error.ErrorType, (string[])["weak_password", "breached_password"]);
    }

    [Fact]
    public async Task An_unknown_hash_type_is_invalid_hash_type()
    {
        var error = await Assert.ThrowsAsync<GodwitApiException>(() =>
            Client.Passwords.MigrateAsync(new MigratePasswordRequest { Email = ApiCalls.UniqueEmail(), Hash = "abc", HashType = "rot13" }, Cancel));

        Assert.Equal((400, "invalid_hash_type"), (error.StatusCode, error.ErrorType));
    }

    public void Dispose() => test.Dispose();
}
