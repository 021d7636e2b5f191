using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OAuth;

/// <summary>
/// A person imported with a linked Google account (as an Auth0 export's google-oauth2 identity becomes
/// after <c>godwit import --preset auth0 --target godwit</c>) logs in through the real Google flow
/// into the imported user and registration, not a new one.
/// </summary>
public abstract class ImportedSocialUserContract(OAuthGodwit godwit)
{
    [Fact]
    public async Task An_imported_Google_identity_logs_in_to_its_imported_user_at_the_login_url()
    {
        // The stand-in's login name is the subject it issues (see tests/browser/oauth.mjs).
        var login = OAuthTestCalls.VerifiedAccount("imported");
        var import = await godwit.Host.Client.SendJsonAsync(HttpMethod.Post, "/v1/users/import", $$"""
            {"users": [{"external_id": "google-oauth2|{{Guid.NewGuid():N}}", "email": "{{login}}", "set_email_verified": true,
                "name": {"first_name": "Imported"},
                "providers": [{"provider_type": "Google", "provider_subject": "{{login}}"}]}]}
            """);
        Assert.True(import.Status == HttpStatusCode.OK, import.ToString());
        var imported = import.Body.GetProperty("results")[0];
        Assert.Equal("created", imported.GetProperty("outcome").GetString());
        var userId = imported.GetProperty("user_id").GetString()!;
        var registration = (await godwit.Host.Client.GetJsonAsync($"/v1/users/{userId}"))
            .Body.GetProperty("providers")[0].GetProperty("oauth_user_registration_id").GetString();

        var landing = await godwit.LoginAsync(login);
        var answer = await godwit.AuthenticateAsync(landing.Query("token"));

        Assert.Equal("/login", landing.Url.AbsolutePath);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer} after landing at {landing.Url}");
        Assert.Equal(userId, answer.Text("user_id"));
        Assert.Equal(registration, answer.Text("oauth_user_registration_id"));
        Assert.Equal("Imported", answer.Body.GetProperty("user").GetProperty("name").GetProperty("first_name").GetString());
        Assert.Single(answer.Body.GetProperty("user").GetProperty("providers").EnumerateArray());
    }
}

public sealed class SqliteImportedSocialUserTests(SqliteOAuthGodwit godwit) : ImportedSocialUserContract(godwit), IClassFixture<SqliteOAuthGodwit>;

public sealed class PostgresImportedSocialUserTests(PostgresOAuthGodwit godwit) : ImportedSocialUserContract(godwit), IClassFixture<PostgresOAuthGodwit>;
