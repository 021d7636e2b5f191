using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Storage;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.RedirectUrls;

/// <summary>
/// Magic links and password resets go only to the URLs in Godwit:RedirectUrls. The test host
/// registers <see cref="Testing.Hosting.GodwitHostOptions.TestRedirectUrls"/>, among them
/// https://app.godwit.test/authenticate (the default login URL), https://app.example/signup,
/// https://app.example/invite and https://app.example/reset.
/// </summary>
public sealed class RedirectUrlAllowlistTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private const string Unregistered = "https://evil.test/authenticate";

    private HttpClient Client => godwit.Host.Client;

    public static TheoryData<string> LinkFields => ["login_magic_link_url", "signup_magic_link_url"];

    [Theory]
    [MemberData(nameof(LinkFields))]
    public async Task Login_or_create_to_an_unregistered_url_is_refused_and_creates_no_user_and_sends_nothing(string field)
    {
        var email = ApiCalls.UniqueEmail();

        var refused = await Client.PostAsync("/v1/magic_links/email/login_or_create", new Dictionary<string, string> { ["email"] = email, [field] = Unregistered });

        AssertUnregistered(refused);
        Assert.Equal(0, await UsersWithEmailAsync(email));
        await AssertNothingSentToAsync(email);
    }

    [Fact]
    public async Task Send_to_an_unregistered_url_is_refused_and_stores_no_link_for_the_existing_user()
    {
        var (email, userId) = await ActiveUserAsync();

        var refused = await Client.PostAsync("/v1/magic_links/email/send", new { email, login_magic_link_url = Unregistered });

        AssertUnregistered(refused);
        Assert.Equal(0, await SecretsOfAsync(userId));
        await AssertNothingSentToAsync(email);
    }

    [Fact]
    public async Task An_invite_to_an_unregistered_url_is_refused_and_creates_no_user_and_sends_nothing()
    {
        var email = ApiCalls.UniqueEmail();

        var refused = await Client.PostAsync("/v1/magic_links/email/invite", new { email, invite_magic_link_url = Unregistered });

        AssertUnregistered(refused);
        Assert.Equal(0, await UsersWithEmailAsync(email));
        await AssertNothingSentToAsync(email);
    }

    [Fact]
    public async Task A_password_reset_to_an_unregistered_url_is_refused_and_stores_and_sends_nothing()
    {
        var (email, userId) = await ActiveUserAsync();

        var refused = await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = Unregistered });

        AssertUnregistered(refused);
        Assert.Contains("reset_password_redirect_url", refused.Body.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await SecretsOfAsync(userId));
        await AssertNothingSentToAsync(email);
    }

    [Fact]
    public async Task A_password_reset_for_an_unknown_email_is_refused_for_its_url_before_the_email_is_looked_up()
    {
        var refused = await Client.PostAsync("/v1/passwords/email/reset/start", new { email = ApiCalls.UniqueEmail(), reset_password_redirect_url = Unregistered });

        AssertUnregistered(refused);
    }

    [Fact]
    public async Task A_registered_url_with_another_query_is_accepted_and_the_link_keeps_the_query()
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, signup_magic_link_url = "https://app.example/signup?next=%2Fbilling" });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var message = await godwit.Host.EmailAsync(email);
        Assert.Contains($"https://app.example/signup?next=%2Fbilling&stytch_token_type=magic_links&token={Inbox.TokenIn(message)}", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_reset_url_with_another_query_is_accepted()
    {
        var (email, _) = await ActiveUserAsync();

        var started = await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = "https://app.example/reset?from=settings" });

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Contains("https://app.example/reset?from=settings&stytch_token_type=reset_password&token=", (await godwit.Host.EmailAsync(email)).TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://app.example/signup")]
    [InlineData("http://app.godwit.test/authenticate")]
    [InlineData("https://app.godwit.test.evil.test/authenticate")]
    [InlineData("https://app.godwit.test@evil.test/authenticate")]
    [InlineData("https://user:password@app.godwit.test/authenticate")]
    [InlineData("https://app.godwit.test:8443/authenticate")]
    [InlineData("https://app.godwit.test/authenticate-evil")]
    [InlineData("https://app.godwit.test/authenticate/")]
    [InlineData("https://app.godwit.test/Authenticate")]
    [InlineData("https://app.godwit.test/")]
    [InlineData("https://app.godwit.test/evil/../authenticate")]
    [InlineData("https://app.godwit.test./authenticate")]
    [InlineData("http://localhost:3001/login")]
    public async Task Another_scheme_host_port_or_path_is_refused(string url)
    {
        var email = ApiCalls.UniqueEmail();

        var refused = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, login_magic_link_url = url });

        AssertUnregistered(refused);
        Assert.Equal(0, await UsersWithEmailAsync(email));
    }

    [Theory]
    [InlineData("https://APP.GODWIT.TEST/authenticate")]
    [InlineData("https://app.godwit.test:443/authenticate")]
    [InlineData("https://app.godwit.test/authenticate#welcome")]
    [InlineData("http://localhost:3000/login?from=local")]
    public async Task The_host_in_any_case_an_explicit_default_port_and_a_fragment_still_match(string url)
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, login_magic_link_url = url });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains(url.Split('#')[0], (await godwit.Host.EmailAsync(email)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_url_is_still_invalid_url_rather_than_unregistered()
    {
        var refused = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email = ApiCalls.UniqueEmail(), login_magic_link_url = "javascript:alert(1)" });

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_url"), (refused.Status, refused.ErrorType));
    }

    private static void AssertUnregistered(ApiAnswer answer) =>
        Assert.Equal((HttpStatusCode.BadRequest, "no_match_for_provided_magic_link_url"), (answer.Status, answer.ErrorType));

    private async Task<(string Email, string UserId)> ActiveUserAsync()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (email, created.Text("user_id"));
    }

    private async Task<int> UsersWithEmailAsync(string email)
    {
        var search = await Client.PostAsync("/v1/users/search", new
        {
            limit = 1,
            query = new { @operator = "AND", operands = new[] { new { filter_name = "email_address", filter_value = new[] { email } } } },
        });
        return search.Body.GetProperty("results_metadata").GetProperty("total").GetInt32();
    }

    private async Task<int> SecretsOfAsync(string userId)
    {
        await using var scope = godwit.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().OneTimeSecrets
            .CountAsync(secret => secret.UserId == userId, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Sending is part of a request, so mail for the refused request would have reached the sink
    /// before its answer; a link to a registered URL for another address, waited for, shows that
    /// the sink was receiving all along.
    /// </summary>
    private async Task AssertNothingSentToAsync(string email)
    {
        var witness = ApiCalls.UniqueEmail("witness");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email = witness })).Status);
        await godwit.Host.EmailAsync(witness);
        Assert.Equal(0, godwit.Host.EmailsTo(email));
    }
}
