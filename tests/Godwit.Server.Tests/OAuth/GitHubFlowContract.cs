using System.Net;
using System.Web;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Server.Tests.Users;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OAuth;

/// <summary>
/// GitHub through Godwit's whole HTTP flow: start, the stand-in's authorize step, Godwit's callback
/// (which exchanges the code and reads GitHub's user API), the application's URL and authenticate.
/// </summary>
public abstract class GitHubFlowContract(SocialOAuthGodwit godwit)
{
    /// <summary>The GitHub account the user API answers for: a fresh numeric id and the given emails.</summary>
    private string PlayAccount(string emailsJson)
    {
        var id = Random.Shared.NextInt64(1_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        godwit.GitHub.Map("/api/user", context => godwit.GitHub.UserApiAsync(context, $$"""{"login":"octo{{id}}","id":{{id}},"name":"Mona Lisa Octocat","avatar_url":"https://avatars.githubusercontent.com/u/{{id}}","email":null}"""));
        godwit.GitHub.Map("/api/user/emails", context => godwit.GitHub.UserApiAsync(context, emailsJson));
        return id;
    }

    /// <summary>Start → GitHub's authorize (which redirects back) → Godwit's callback → where Godwit sends the browser.</summary>
    private async Task<Uri> WalkAsync()
    {
        using var client = godwit.NoRedirects();
        var authorize = await godwit.StartAsync(client, "github");
        Assert.StartsWith(godwit.GitHub.Url("/login/oauth/authorize?"), authorize.AbsoluteUri, StringComparison.Ordinal);
        var consented = await client.GetAsync(authorize, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, consented.StatusCode);
        var callback = consented.Headers.Location!;
        Assert.Equal(new Uri(godwit.Host.BaseUrl, "/v1/public/oauth/github/callback").AbsoluteUri, callback.GetLeftPart(UriPartial.Path));
        var landed = await client.GetAsync(callback, TestContext.Current.CancellationToken);
        Assert.True(landed.StatusCode == HttpStatusCode.Redirect, await landed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return landed.Headers.Location!;
    }

    [Fact]
    public async Task A_GitHub_login_walks_to_the_app_with_a_token_that_becomes_a_session_with_the_github_factor()
    {
        var email = ApiCalls.UniqueEmail("octo");
        var id = PlayAccount($$"""[{"email":"{{email}}","primary":true,"verified":true}]""");

        var landing = await WalkAsync();

        Assert.Equal(SocialOAuthGodwit.SignupUrl, landing.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(landing.Query);
        Assert.Equal("oauth", query["stytch_token_type"]);
        var answer = await godwit.AuthenticateAsync(query["token"]);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal("Github", answer.Text("provider_type"));
        Assert.Equal(id, answer.Text("provider_subject"));
        var user = answer.Body.GetProperty("user");
        Assert.Equal(email, user.GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.True(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal("Mona", user.GetProperty("name").GetProperty("first_name").GetString());
        var factor = answer.Body.GetProperty("user_session").GetProperty("authentication_factors")[0];
        Assert.Equal("oauth", factor.GetProperty("type").GetString());
        Assert.Equal("oauth_github", factor.GetProperty("delivery_method").GetString());
        Assert.Equal(answer.Text("oauth_user_registration_id"), factor.GetProperty("github_oauth_factor").GetProperty("id").GetString());
        Assert.Equal(id, factor.GetProperty("github_oauth_factor").GetProperty("provider_subject").GetString());
        Assert.Equal(godwit.GitHub.AccessToken, answer.Body.GetProperty("provider_values").GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task An_unverified_primary_email_another_user_holds_is_refused_and_nothing_is_linked()
    {
        var email = ApiCalls.UniqueEmail("held");
        var holder = await TestUsers.CreateIdAsync(godwit.Host.Client, new { email });
        PlayAccount($$"""[{"email":"{{email}}","primary":true,"verified":false}]""");

        var landing = await WalkAsync();

        Assert.Equal(SocialOAuthGodwit.LoginUrl, landing.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(landing.Query);
        Assert.Equal("oauth_unverified_email_in_use", query["error"]);
        Assert.Null(query["token"]);
        var user = await godwit.Host.Client.GetJsonAsync($"/v1/users/{holder}");
        Assert.Empty(user.Body.GetProperty("providers").EnumerateArray());
        Assert.False(user.Body.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_provider_account_linked_under_an_unverified_email_is_unlinked_when_the_addresss_owner_first_proves_it()
    {
        // Someone puts another person's address, unverified, on a GitHub account and signs up with it first.
        var email = ApiCalls.UniqueEmail("preclaimed");
        PlayAccount($$"""[{"email":"{{email}}","primary":true,"verified":false}]""");
        var first = HttpUtility.ParseQueryString((await WalkAsync()).Query);
        var claimed = await godwit.AuthenticateAsync(first["token"]);
        Assert.True(claimed.Status == HttpStatusCode.OK, claimed.ToString());

        // The address's owner then logs in by magic link: they land in that user, which is theirs now.
        var owner = await godwit.Host.LogInByMagicLinkAsync(email);

        Assert.Equal(claimed.Text("user_id"), owner.Text("user_id"));
        Assert.Empty(owner.Body.GetProperty("user").GetProperty("providers").EnumerateArray());
        var again = await WalkAsync();
        Assert.Equal(SocialOAuthGodwit.LoginUrl, again.GetLeftPart(UriPartial.Path));
        Assert.Equal("oauth_unverified_email_in_use", HttpUtility.ParseQueryString(again.Query)["error"]);
    }
}

public sealed class SqliteGitHubFlowTests(SqliteSocialOAuthGodwit godwit) : GitHubFlowContract(godwit), IClassFixture<SqliteSocialOAuthGodwit>;

public sealed class PostgresGitHubFlowTests(PostgresSocialOAuthGodwit godwit) : GitHubFlowContract(godwit), IClassFixture<PostgresSocialOAuthGodwit>;
