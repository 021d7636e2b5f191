using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OAuth;

/// <summary>
/// Sign in with Apple through Godwit's whole HTTP flow: Apple answers the authorize step with a
/// form the browser POSTs to Godwit's callback (response_mode=form_post), the first time with the
/// person's name in a <c>user</c> field that Apple never sends again.
/// </summary>
public abstract class AppleFlowContract(SocialOAuthGodwit godwit)
{
    private static readonly Uri Callback = new("/v1/public/oauth/apple/callback", UriKind.Relative);

    /// <summary>Start → Apple's authorize step: the fields the browser would post to Godwit's callback.</summary>
    private async Task<Dictionary<string, string>> AuthorizeAsync(HttpClient client)
    {
        var authorize = await godwit.StartAsync(client, "apple");
        Assert.StartsWith(godwit.Apple.Server.Url("/auth/authorize?"), authorize.AbsoluteUri, StringComparison.Ordinal);
        var consented = await client.GetAsync(authorize, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
        return (await consented.Content.ReadFromJsonAsync<Dictionary<string, string>>(TestContext.Current.CancellationToken))!;
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, Dictionary<string, string> fields) =>
        client.PostAsync(Callback, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    private static async Task<ApiAnswer> ErrorOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Length > 0, $"{(int)response.StatusCode} {response.Headers.Location}");
        return new(response.StatusCode, JsonDocument.Parse(body).RootElement);
    }

    /// <summary>A fresh Apple account for the next id_token: tests must not meet through Apple's default relay address.</summary>
    private void PlayAccount(string subject)
    {
        godwit.Apple.IdTokenClaims["sub"] = subject;
        godwit.Apple.IdTokenClaims["email"] = ApiCalls.UniqueEmail("relay");
    }

    [Fact]
    public async Task A_first_login_posted_back_as_a_form_becomes_a_session_with_the_apple_factor_and_the_name_from_the_user_field()
    {
        using var client = godwit.NoRedirects();
        var subject = $"001234.{Guid.NewGuid():N}.0042";
        var fields = await AuthorizeAsync(client);
        PlayAccount(subject);
        fields["user"] = """{"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"ada@privaterelay.appleid.com"}""";

        var landed = await PostFormAsync(client, fields);

        Assert.True(landed.StatusCode == HttpStatusCode.Redirect, await landed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var landing = landed.Headers.Location!;
        var query = HttpUtility.ParseQueryString(landing.Query);
        Assert.Equal("oauth", query["stytch_token_type"]);
        var answer = await godwit.AuthenticateAsync(query["token"]);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal("Apple", answer.Text("provider_type"));
        Assert.Equal(subject, answer.Text("provider_subject"));
        var name = answer.Body.GetProperty("user").GetProperty("name");
        Assert.Equal(("Ada", "Lovelace"), (name.GetProperty("first_name").GetString(), name.GetProperty("last_name").GetString()));
        var factor = answer.Body.GetProperty("user_session").GetProperty("authentication_factors")[0];
        Assert.Equal("oauth_apple", factor.GetProperty("delivery_method").GetString());
        Assert.Equal(answer.Text("oauth_user_registration_id"), factor.GetProperty("apple_oauth_factor").GetProperty("id").GetString());
        Assert.Equal(subject, factor.GetProperty("apple_oauth_factor").GetProperty("provider_subject").GetString());
    }

    [Fact]
    public async Task A_GET_to_Apples_callback_is_refused_and_leaves_the_flow_usable_by_its_form_post()
    {
        using var client = godwit.NoRedirects();
        var fields = await AuthorizeAsync(client);
        PlayAccount($"001234.{Guid.NewGuid():N}.0042");

        var asGet = await client.GetAsync(new Uri($"{Callback}?code={Uri.EscapeDataString(fields["code"])}&state={Uri.EscapeDataString(fields["state"])}", UriKind.Relative), TestContext.Current.CancellationToken);

        var refused = await ErrorOf(asGet);
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "method_not_allowed"), (refused.Status, refused.ErrorType));
        var posted = await PostFormAsync(client, fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("oauth", HttpUtility.ParseQueryString(posted.Headers.Location!.Query)["stytch_token_type"]);
    }

    [Fact]
    public async Task A_form_post_without_state_is_refused()
    {
        using var client = godwit.NoRedirects();
        var fields = await AuthorizeAsync(client);
        fields.Remove("state");

        var refused = await ErrorOf(await PostFormAsync(client, fields));

        Assert.Equal((HttpStatusCode.BadRequest, "oauth_invalid_state"), (refused.Status, refused.ErrorType));
    }
}

public sealed class SqliteAppleFlowTests(SqliteSocialOAuthGodwit godwit) : AppleFlowContract(godwit), IClassFixture<SqliteSocialOAuthGodwit>;

public sealed class PostgresAppleFlowTests(PostgresSocialOAuthGodwit godwit) : AppleFlowContract(godwit), IClassFixture<PostgresSocialOAuthGodwit>;
