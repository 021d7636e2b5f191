using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>Magic link login_or_create and authenticate, single use even when used twice at once, on every database.</summary>
public abstract class MagicLinkLoginContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task A_new_address_gets_a_pending_user_and_a_sign_up_link_carrying_the_token()
    {
        var email = ApiCalls.UniqueEmail("ann");

        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email = email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.True(sent.Body.GetProperty("user_created").GetBoolean());
        Assert.Matches("^email-live-", sent.Text("email_id"));
        var user = await Client.GetJsonAsync($"/v1/users/{sent.Text("user_id")}");
        Assert.Equal("pending", user.Text("status"));
        Assert.Equal(email, user.Body.GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.False(user.Body.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        var message = await Host.EmailAsync(email);
        var token = Inbox.TokenIn(message);
        Assert.Equal("Finish signing up", message.Subject);
        Assert.Contains($"https://app.godwit.test/authenticate?stytch_token_type=magic_links&token={token}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://app.godwit.test/authenticate?stytch_token_type=magic_links&amp;token={token}\"", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_the_link_starts_a_session_activates_the_user_and_verifies_the_email()
    {
        var email = ApiCalls.UniqueEmail();
        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        var token = await Host.LinkTokenAsync(email);

        var answer = await Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 60 });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(sent.Text("user_id"), answer.Text("user_id"));
        Assert.Equal(sent.Text("email_id"), answer.Text("method_id"));
        Assert.False(answer.Body.GetProperty("reset_sessions").GetBoolean());
        Assert.NotEmpty(answer.Text("session_jwt"));
        var user = answer.Body.GetProperty("user");
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.True(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        var factor = answer.Body.GetProperty("session").GetProperty("authentication_factors")[0];
        Assert.Equal("magic_link", factor.GetProperty("type").GetString());
        Assert.Equal("email", factor.GetProperty("delivery_method").GetString());
        Assert.Equal(sent.Text("email_id"), factor.GetProperty("email_factor").GetProperty("email_id").GetString());
        var session = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = answer.Text("session_token") });
        Assert.Equal(HttpStatusCode.OK, session.Status);
    }

    [Fact]
    public async Task Following_the_link_without_a_session_duration_logs_in_without_a_session()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });

        var answer = await Client.PostAsync("/v1/magic_links/authenticate", new { token = await Host.LinkTokenAsync(email) });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("", answer.Text("session_token"));
        Assert.Equal("", answer.Text("session_jwt"));
        Assert.True(answer.Body.GetProperty("session").ValueKind is System.Text.Json.JsonValueKind.Null);
        Assert.Equal("active", answer.Body.GetProperty("user").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_active_user_gets_a_login_link_and_no_new_user()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });

        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, login_expiration_minutes = 15 });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.False(sent.Body.GetProperty("user_created").GetBoolean());
        Assert.Equal(created.Text("user_id"), sent.Text("user_id"));
        var message = await Host.EmailAsync(email);
        Assert.Equal("Your login link", message.Subject);
        Assert.Contains("expires in 15 minutes", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_created_active_still_gets_a_sign_up_link()
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, create_user_as_pending = false, signup_magic_link_url = "https://app.example/signup" });

        Assert.Equal("active", (await Client.GetJsonAsync($"/v1/users/{sent.Text("user_id")}")).Text("status"));
        var message = await Host.EmailAsync(email);
        Assert.Equal("Finish signing up", message.Subject);
        Assert.Contains("https://app.example/signup?stytch_token_type=magic_links&token=", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("expires in 7 days", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_goes_into_the_query_of_a_url_that_has_one_and_before_its_fragment()
    {
        var email = ApiCalls.UniqueEmail();

        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, signup_magic_link_url = "https://app.example/cb?next=%2Fhome&a=<b>#top" });

        var message = await Host.EmailAsync(email);
        var token = Inbox.TokenIn(message);
        Assert.Contains($"https://app.example/cb?next=%2Fhome&a=<b>&stytch_token_type=magic_links&token={token}#top", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://app.example/cb?next=%2Fhome&amp;a=&lt;b&gt;&amp;stytch_token_type=magic_links&amp;token={token}#top", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_works_only_once()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        var token = await Host.LinkTokenAsync(email);
        await Client.PostAsync("/v1/magic_links/authenticate", new { token });

        var again = await Client.PostAsync("/v1/magic_links/authenticate", new { token });

        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
        Assert.Equal("unable_to_auth_magic_link", again.ErrorType);
    }

    [Fact]
    public async Task Two_simultaneous_uses_of_one_link_let_exactly_one_through()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        var token = await Host.LinkTokenAsync(email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 30 })));

        Assert.Single(answers, answer => answer.Status == HttpStatusCode.OK);
        Assert.Single(answers, answer => answer.ErrorType == "unable_to_auth_magic_link");
    }

    [Fact]
    public async Task A_bad_session_duration_is_refused_without_using_up_the_link()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        var token = await Host.LinkTokenAsync(email);

        var refused = await Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 4 });
        var mistyped = await Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = "60" });
        var accepted = await Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 5 });

        Assert.Equal("invalid_session_duration_minutes", refused.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_session_duration_minutes", mistyped.ErrorType);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
    }

    [Theory]
    [InlineData("{\"token\":", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("{}", HttpStatusCode.BadRequest, "invalid_token")]
    [InlineData("{\"token\":42}", HttpStatusCode.BadRequest, "invalid_token")]
    [InlineData("{\"token\":\"not a token\"}", HttpStatusCode.NotFound, "magic_link_not_found")]
    [InlineData("{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", HttpStatusCode.Unauthorized, "unable_to_auth_magic_link")]
    [InlineData("{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"code_verifier\":7}", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"session_custom_claims\":[]}", HttpStatusCode.BadRequest, "bad_request")]
    public async Task Authenticate_refuses_malformed_and_unknown_tokens_precisely(string json, HttpStatusCode status, string errorType)
    {
        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/magic_links/authenticate", json);

        Assert.Equal(status, answer.Status);
        Assert.Equal(errorType, answer.ErrorType);
    }

    [Theory]
    [InlineData("{\"email\":", "bad_request")]
    [InlineData("[]", "bad_request")]
    [InlineData("{}", "invalid_email")]
    [InlineData("{\"email\":5}", "invalid_email")]
    [InlineData("{\"email\":\"no-at-sign\"}", "invalid_email")]
    [InlineData("{\"email\":\"EMAIL\",\"login_expiration_minutes\":4}", "invalid_expiration")]
    [InlineData("{\"email\":\"EMAIL\",\"signup_expiration_minutes\":10081}", "invalid_expiration")]
    [InlineData("{\"email\":\"EMAIL\",\"login_expiration_minutes\":\"60\"}", "invalid_expiration")]
    [InlineData("{\"email\":\"EMAIL\",\"login_magic_link_url\":\"/relative\"}", "invalid_url")]
    [InlineData("{\"email\":\"EMAIL\",\"signup_magic_link_url\":\"javascript:alert(1)\"}", "invalid_url")]
    [InlineData("{\"email\":\"EMAIL\",\"create_user_as_pending\":\"yes\"}", "bad_request")]
    [InlineData("{\"email\":\"EMAIL\",\"code_challenge\":\"too-short\"}", "invalid_pkce_code_challenge")]
    [InlineData("{\"email\":\"EMAIL\",\"attributes\":\"x\"}", "bad_request")]
    public async Task Login_or_create_refuses_malformed_requests_and_creates_nobody(string template, string errorType)
    {
        var email = ApiCalls.UniqueEmail();

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/magic_links/email/login_or_create", template.Replace("EMAIL", email, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(errorType, answer.ErrorType);
        var send = await Client.PostAsync("/v1/magic_links/email/send", new { email });
        Assert.Equal("email_not_found", send.ErrorType);
        Assert.Equal(0, Host.EmailsTo(email));
    }
}

public sealed class MagicLinkLoginOnSqlite(SqliteGodwit godwit) : MagicLinkLoginContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class MagicLinkLoginOnPostgres(PostgresGodwit godwit) : MagicLinkLoginContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
