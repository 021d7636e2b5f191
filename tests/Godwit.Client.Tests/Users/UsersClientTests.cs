using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Contracts.Passwords;
using Godwit.Contracts.Users;
using Godwit.Testing.Http;
using Godwit.Tests.Support;

namespace Godwit.Client.Tests.Users;

public sealed class UsersClientTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>, IDisposable
{
    private readonly TestClient test = TestClient.For(godwit.Host);

    private GodwitClient Client => test.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_returns_the_new_user_with_its_email_phone_name_and_metadata()
    {
        var (email, phone) = (ApiCalls.UniqueEmail(), ApiCalls.UniquePhone());

        var created = await Client.Users.CreateAsync(new CreateUserRequest
        {
            Email = email,
            PhoneNumber = phone,
            Name = new NameWire("Ada", "", "Lovelace"),
            TrustedMetadata = new JsonObject { ["plan"] = "pro" },
        }, Cancel);

        Assert.StartsWith("user-live-", created.UserId, StringComparison.Ordinal);
        Assert.StartsWith("request-id-live-", created.RequestId, StringComparison.Ordinal);
        Assert.Equal(200, created.StatusCode);
        Assert.Equal("active", created.Status);
        Assert.Equal(email, Assert.Single(created.User.Emails).Email);
        Assert.Equal(phone, Assert.Single(created.User.PhoneNumbers).PhoneNumber);
        Assert.Equal("Lovelace", created.User.Name.LastName);
        Assert.Equal("pro", created.User.TrustedMetadata.GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Import_creates_users_with_a_migrated_hash_skips_those_already_there_and_fails_a_bad_row_alone()
    {
        // hmac_sha_256_openssl_hex_key in tests/vectors/passwords: OpenSSL's HMAC with a binary key given in hex.
        const string Hash = "1a3fd059dbb6b59e8ec29673fbe3fc5fca3c68c23ffbc38912772d9cc97107d6";
        const string HexKey = "177c1a81b783435857c5618b999f11c5a5df8a5062750809a2d39601a3b1ba2d";
        var (email, existingEmail) = (ApiCalls.UniqueEmail(), ApiCalls.UniqueEmail());
        var existing = await Client.Users.CreateAsync(new CreateUserRequest { Email = existingEmail, ExternalId = "legacy-" + Guid.NewGuid().ToString("N") }, Cancel);
        var request = new ImportUsersRequest(
            [
                new ImportUserRow
                {
                    ExternalId = "legacy-" + Guid.NewGuid().ToString("N"),
                    Email = email,
                    SetEmailVerified = true,
                    Name = new NameWire("Grace", "", "Hopper"),
                    PasswordHash = new()
                    {
                        ["hash_type"] = JsonSerializer.SerializeToElement("hmac_sha_256"),
                        ["hash"] = JsonSerializer.SerializeToElement(Hash),
                        ["hmac_config"] = JsonSerializer.SerializeToElement(new { key = HexKey, key_encoding = "hex" }),
                    },
                },
                new ImportUserRow { ExternalId = existing.User.ExternalId, Email = existingEmail },
                new ImportUserRow { Email = "not an email" },
            ],
            Upsert: false);

        var imported = await Client.Users.ImportAsync(request, Cancel);
        var again = await Client.Users.ImportAsync(request, Cancel);
        var login = await Client.Passwords.AuthenticateAsync(new PasswordAuthenticateRequest { Email = email, Password = "password" }, Cancel);

        Assert.Equal((1, 0, 1, 1), (imported.Created, imported.Updated, imported.Skipped, imported.Failed));
        Assert.Equal(["created", "skipped", "failed"], imported.Results.Select(r => r.Outcome));
        Assert.Equal(existing.UserId, imported.Results[1].UserId);
        Assert.Equal("invalid_email", imported.Results[2].ErrorType);
        Assert.Equal(["skipped", "skipped", "failed"], again.Results.Select(r => r.Outcome));
        Assert.Equal(imported.Results[0].UserId, again.Results[0].UserId);
        Assert.Equal(imported.Results[0].UserId, login.UserId);
        Assert.True(Assert.Single(login.User.Emails).Verified);
    }

    [Fact]
    public async Task Import_carries_a_typed_totp_that_logs_in_at_once()
    {
        const string secret = "JBSWY3DPEHPK3PXPJBSWY3DP";
        var request = new ImportUsersRequest([new ImportUserRow { Email = ApiCalls.UniqueEmail("client-totp"), Totps = [new ImportedTotpWire(secret, ["abcd-efgh-2345"])] }], Upsert: false);

        var imported = await Client.Users.ImportAsync(request, Cancel);
        var user = await Client.Users.GetAsync(imported.Results[0].UserId!, Cancel);
        var login = await godwit.Host.Client.PostAsync("/v1/totps/authenticate", new
        {
            user_id = user.UserId,
            totp_code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(),
        });

        Assert.Equal("created", imported.Results[0].Outcome);
        Assert.True(Assert.Single(user.Totps).Verified);
        Assert.Equal(System.Net.HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task Import_carries_typed_provider_accounts_that_the_user_then_lists()
    {
        var subject = "sub-" + Guid.NewGuid().ToString("N");
        var request = new ImportUsersRequest(
            [new ImportUserRow { Email = ApiCalls.UniqueEmail("client-providers"), Providers = [new ImportedProviderWire("github", subject, Locale: "en")] }],
            Upsert: false);

        var imported = await Client.Users.ImportAsync(request, Cancel);
        var user = await Client.Users.GetAsync(imported.Results[0].UserId!, Cancel);

        var provider = Assert.Single(user.Providers);
        Assert.Equal(("Github", subject, "en"), (provider.ProviderType, provider.ProviderSubject, provider.Locale));
    }

    [Fact]
    public async Task Get_finds_a_user_by_user_id_and_by_external_id()
    {
        var externalId = "app-" + Guid.NewGuid().ToString("N");
        var created = await Client.Users.CreateAsync(new CreateUserRequest { Email = ApiCalls.UniqueEmail(), ExternalId = externalId }, Cancel);

        var byId = await Client.Users.GetAsync(created.UserId, Cancel);
        var byExternalId = await Client.Users.GetAsync(externalId, Cancel);

        Assert.Equal((created.UserId, externalId), (byId.UserId, byId.ExternalId));
        Assert.Equal(created.UserId, byExternalId.UserId);
    }

    [Fact]
    public async Task Search_finds_a_user_by_email_address()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.Users.CreateAsync(new CreateUserRequest { Email = email }, Cancel);

        var found = await Client.Users.SearchAsync(new SearchUsersRequest
        {
            Limit = 10,
            Query = new SearchQueryWire("AND", [new SearchOperandWire("email_address", new JsonArray(email))]),
        }, Cancel);

        Assert.Equal(created.UserId, Assert.Single(found.Results).UserId);
        Assert.Equal(1, found.ResultsMetadata.Total);
        Assert.Null(found.ResultsMetadata.NextCursor);
    }

    [Fact]
    public async Task Update_changes_the_name_metadata_and_external_id_and_leaves_the_rest()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.Users.CreateAsync(new CreateUserRequest { Email = email, Name = new NameWire("Ada", "", "Byron") }, Cancel);
        var externalId = "app-" + Guid.NewGuid().ToString("N");

        var updated = await Client.Users.UpdateAsync(created.UserId, new UpdateUserRequest
        {
            Name = new NameWire("Ada", "", "Lovelace"),
            UntrustedMetadata = new JsonObject { ["theme"] = "dark" },
            ExternalId = externalId,
        }, Cancel);

        Assert.Equal("Lovelace", updated.User.Name.LastName);
        Assert.Equal("dark", updated.User.UntrustedMetadata.GetProperty("theme").GetString());
        Assert.Equal(externalId, updated.User.ExternalId);
        Assert.Equal(email, Assert.Single(updated.Emails).Email);
    }

    [Fact]
    public async Task Delete_removes_the_user_so_that_get_then_fails_with_user_not_found()
    {
        var created = await Client.Users.CreateAsync(new CreateUserRequest { Email = ApiCalls.UniqueEmail() }, Cancel);

        var deleted = await Client.Users.DeleteAsync(created.UserId, Cancel);
        var error = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Users.GetAsync(created.UserId, Cancel));

        Assert.Equal(created.UserId, deleted.UserId);
        Assert.Equal((404, "user_not_found"), (error.StatusCode, error.ErrorType));
        Assert.StartsWith("request-id-live-", error.RequestId, StringComparison.Ordinal);
        Assert.NotEmpty(error.ErrorMessage);
        Assert.NotEmpty(error.ErrorUrl);
    }

    [Fact]
    public async Task Creating_a_second_user_with_the_same_email_is_a_typed_duplicate_email_error()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.Users.CreateAsync(new CreateUserRequest { Email = email }, Cancel);

        var error = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Users.CreateAsync(new CreateUserRequest { Email = email }, Cancel));

        Assert.Equal((400, "duplicate_email"), (error.StatusCode, error.ErrorType));
        Assert.Contains("duplicate_email", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_limit_out_of_range_is_user_search_invalid_limit()
    {
        var error = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Users.SearchAsync(new SearchUsersRequest { Limit = 0 }, Cancel));

        Assert.Equal((400, "user_search_invalid_limit"), (error.StatusCode, error.ErrorType));
    }

    [Fact]
    public async Task Updating_or_deleting_an_unknown_user_is_user_not_found()
    {
        var unknown = "user-live-" + Guid.NewGuid().ToString("D");

        var update = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Users.UpdateAsync(unknown, new UpdateUserRequest { ExternalId = "x" }, Cancel));
        var delete = await Assert.ThrowsAsync<GodwitApiException>(() => Client.Users.DeleteAsync(unknown, Cancel));

        Assert.Equal("user_not_found", update.ErrorType);
        Assert.Equal("user_not_found", delete.ErrorType);
    }

    [Fact]
    public async Task A_wrong_secret_is_unauthorized_credentials_with_a_request_id()
    {
        using var wrong = TestClient.For(godwit.Host.BaseUrl, godwit.Host.ProjectId, "secret-live-wrong");

        var error = await Assert.ThrowsAsync<GodwitApiException>(() => wrong.Client.Users.GetAsync("user-live-" + Guid.NewGuid(), Cancel));

        Assert.Equal((401, "unauthorized_credentials"), (error.StatusCode, error.ErrorType));
        Assert.StartsWith("request-id-live-", error.RequestId, StringComparison.Ordinal);
        Assert.Equal(1, wrong.Log.Count("GET /v1/users/"));
    }

    public void Dispose() => test.Dispose();
}
