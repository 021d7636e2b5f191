using System.Globalization;
using System.Net;
using Godwit.Migration.AspNetCore.Login;
using Godwit.Migration.Tests.Support;
using Godwit.Testing.Http;
using Godwit.Tests.Support;

namespace Godwit.Migration.Tests.Login;

/// <summary>The login flow over real HTTP: a browser with cookies, a real Godwit, codes read from a real SMTP server.</summary>
public sealed class LoginFlowTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_email_code_login_links_the_existing_user_and_signs_in_the_application_cookie()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        var email = ApiCalls.UniqueEmail();
        var existing = await app.Database.AddUserAsync(email: email);
        using var browser = app.Browser();

        var landing = await BrowserLogin.ByEmailCodeAsync(browser, godwit.Host, email);
        var me = await browser.GetStringAsync(landing, Cancel);

        Assert.Equal("/me", landing.OriginalString);
        var godwitUserId = (await app.Database.FindAsync(existing.Id)).GodwitUserId;
        Assert.StartsWith("user-live-", godwitUserId, StringComparison.Ordinal);
        Assert.Equal($"{existing.Id.ToString(CultureInfo.InvariantCulture)} {godwitUserId}", me);
        Assert.Equal("linked", Assert.Single(await app.Database.EventsAsync(godwitUserId!)).Outcome);
    }

    [Fact]
    public async Task A_godwit_user_with_a_provider_registration_reaches_the_step_with_it_and_links_by_subject()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        var email = ApiCalls.UniqueEmail();
        var subject = GodwitUsers.UniqueGoogleSubject();
        var existing = await app.Database.AddUserAsync(googleId: subject);
        using var client = TestClient.For(godwit.Host);
        var earlier = await client.Client.ByEmailCodeAsync(godwit.Host, email);
        await godwit.Host.AddOAuthRegistrationAsync(earlier.UserId, "Google", subject);
        using var browser = app.Browser();

        await BrowserLogin.ByEmailCodeAsync(browser, godwit.Host, email);

        Assert.Equal(earlier.UserId, (await app.Database.FindAsync(existing.Id)).GodwitUserId);
        Assert.Equal("oauth:Google", Assert.Single(await app.Database.EventsAsync(earlier.UserId)).MatchedBy);
    }

    [Fact]
    public async Task Someone_new_signs_up_through_the_same_form()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        var email = ApiCalls.UniqueEmail();
        using var browser = app.Browser();

        await BrowserLogin.ByEmailCodeAsync(browser, godwit.Host, email);
        var me = (await browser.GetStringAsync(new Uri("/me", UriKind.Relative), Cancel)).Split(' ');

        var created = await app.Database.FindAsync(int.Parse(me[0], CultureInfo.InvariantCulture));
        Assert.Equal((email, me[1]), (created.Email, created.GodwitUserId));
    }

    [Fact]
    public async Task Without_the_cookie_the_application_sends_people_to_the_login_page()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        using var browser = app.Browser();

        var response = await browser.GetAsync(new Uri("/me", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?returnUrl=%2Fme", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_label_every_field_and_carry_an_antiforgery_token()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        using var browser = app.Browser();
        var email = ApiCalls.UniqueEmail();

        var loginPage = await browser.GetStringAsync(new Uri("/login", UriKind.Relative), Cancel);
        var (_, codePage) = await BrowserLogin.SubmitEmailAsync(browser, email);

        Assert.Contains("<html lang=\"en\">", loginPage, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">Email address</label>", loginPage, StringComparison.Ordinal);
        Assert.Contains("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required", loginPage, StringComparison.Ordinal);
        Assert.Contains("<label for=\"code\">Code</label>", codePage, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"one-time-code\"", codePage, StringComparison.Ordinal);
        Assert.Contains(email, codePage, StringComparison.Ordinal);
        Assert.NotEmpty(TestApp.FormToken(loginPage));
        Assert.NotEmpty(TestApp.FormToken(codePage));
        Assert.DoesNotContain("<script", loginPage + codePage, StringComparison.OrdinalIgnoreCase);
        await godwit.Host.EmailCodeAsync(email);
    }

    [Fact]
    public async Task A_wrong_code_shows_the_code_form_again_with_an_announced_error_and_the_right_one_then_works()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        var email = ApiCalls.UniqueEmail();
        using var browser = app.Browser();
        var (_, codePage) = await BrowserLogin.SubmitEmailAsync(browser, email);
        var code = await godwit.Host.EmailCodeAsync(email);

        var (wrong, wrongPage) = await BrowserLogin.SubmitCodeAsync(browser, codePage, code == "123456" ? "654321" : "123456");
        var (right, _) = await BrowserLogin.SubmitCodeAsync(browser, wrongPage, code);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("role=\"alert\">That code is not right.", wrongPage, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"code-error\"", wrongPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Fact]
    public async Task A_malformed_email_is_answered_on_the_form_itself()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        using var browser = app.Browser();

        var (response, html) = await BrowserLogin.SubmitEmailAsync(browser, "not-an-address");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\">Enter an email address such as name@example.com.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not-an-address\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_sends_nothing()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        using var browser = app.Browser();
        await browser.GetStringAsync(new Uri("/login", UriKind.Relative), Cancel);

        var (response, _) = await TestApp.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["email"] = ApiCalls.UniqueEmail() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, app.GodwitCalls.Count("POST /v1/otps"));
    }

    [Fact]
    public async Task An_absolute_return_url_is_replaced_by_the_default_so_the_login_is_no_open_redirect()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        using var browser = app.Browser();

        var landing = await BrowserLogin.ByEmailCodeAsync(browser, godwit.Host, ApiCalls.UniqueEmail(), returnUrl: "//evil.example/steal");

        Assert.Equal("/", landing.OriginalString);
    }

    [Fact]
    public async Task A_magic_link_login_signs_in_after_the_confirmation_button()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, login: options =>
        {
            options.Method = GodwitLoginMethod.EmailMagicLink;
            options.MagicLinkUrl = new Uri("https://app.example/login/magic-link");
        });
        var email = ApiCalls.UniqueEmail();
        var existing = await app.Database.AddUserAsync(email: email);
        using var browser = app.Browser();

        var (_, sentPage) = await BrowserLogin.SubmitEmailAsync(browser, email);
        var token = await godwit.Host.LinkTokenAsync(email);
        var confirmPage = await browser.GetStringAsync(new Uri($"/login/magic-link?stytch_token_type=magic_links&token={token}", UriKind.Relative), Cancel);
        var callsBeforeConfirming = app.GodwitCalls.Count("POST /v1/magic_links/authenticate");
        var (signedIn, _) = await TestApp.PostFormAsync(browser, "/login/magic-link", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.FormToken(confirmPage),
            ["token"] = TestApp.Hidden(confirmPage, "token"),
        });
        var me = await browser.GetStringAsync(new Uri("/me", UriKind.Relative), Cancel);

        Assert.Contains("sent a sign-in link", sentPage, StringComparison.Ordinal);
        Assert.Equal(0, callsBeforeConfirming);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/me", signedIn.Headers.Location!.OriginalString);
        Assert.StartsWith(existing.Id.ToString(CultureInfo.InvariantCulture) + " user-live-", me, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_magic_link_opened_in_another_browser_is_refused_without_spending_it()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, login: options =>
        {
            options.Method = GodwitLoginMethod.EmailMagicLink;
            options.MagicLinkUrl = new Uri("https://app.example/login/magic-link");
        });
        var email = ApiCalls.UniqueEmail();
        using var asking = app.Browser();
        using var other = app.Browser();
        await BrowserLogin.SubmitEmailAsync(asking, email);
        var token = await godwit.Host.LinkTokenAsync(email);

        var (refused, refusedPage) = await ConfirmLinkAsync(other, token);
        var callsAfterRefusal = app.GodwitCalls.Count("POST /v1/magic_links/authenticate");
        var (signedIn, _) = await ConfirmLinkAsync(asking, token);

        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("in the browser where you asked for it", refusedPage, StringComparison.Ordinal);
        Assert.Equal(0, callsAfterRefusal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task A_magic_link_token_taken_from_the_email_is_useless_at_the_api_without_the_browsers_verifier()
    {
        await using var app = await TestApp.StartAsync(godwit.Host, login: options =>
        {
            options.Method = GodwitLoginMethod.EmailMagicLink;
            options.MagicLinkUrl = new Uri("https://app.example/login/magic-link");
        });
        var email = ApiCalls.UniqueEmail();
        using var asking = app.Browser();
        await BrowserLogin.SubmitEmailAsync(asking, email);
        var token = await godwit.Host.LinkTokenAsync(email);

        var direct = await godwit.Host.Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 60 });

        Assert.Equal("pkce_expected_code_verifier", direct.ErrorType);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmLinkAsync(asking, token)).Response.StatusCode);
    }

    [Fact]
    public async Task Past_the_addresss_budget_of_wrong_codes_the_form_says_when_to_come_back()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        var email = ApiCalls.UniqueEmail();
        using var browser = app.Browser();
        string html = "";
        for (var round = 0; round < 2; round++)
        {
            (_, html) = await BrowserLogin.SubmitEmailAsync(browser, email);
            var code = await godwit.Host.EmailCodeAsync(email);
            var wrong = code == "123456" ? "654321" : "123456";
            for (var guess = 0; guess < 5; guess++)
            {
                (_, html) = await BrowserLogin.SubmitCodeAsync(browser, html, wrong);
            }
        }

        (_, html) = await BrowserLogin.SubmitEmailAsync(browser, email);
        var (refused, page) = await BrowserLogin.SubmitCodeAsync(browser, html, await godwit.Host.EmailCodeAsync(email));

        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Matches("Too many wrong codes were entered for this address. Try again in [0-9]+ minutes.", page);
    }

    [Fact]
    public async Task Signing_out_revokes_the_godwit_session_and_ends_the_cookie()
    {
        await using var app = await TestApp.StartAsync(godwit.Host);
        using var browser = app.Browser();
        using var client = TestClient.For(godwit.Host);
        await BrowserLogin.ByEmailCodeAsync(browser, godwit.Host, ApiCalls.UniqueEmail());
        var godwitUserId = (await browser.GetStringAsync(new Uri("/me", UriKind.Relative), Cancel)).Split(' ')[1];

        var logoutPage = await browser.GetStringAsync(new Uri("/logout", UriKind.Relative), Cancel);
        var (signedOut, _) = await TestApp.PostFormAsync(browser, "/logout", new Dictionary<string, string> { ["__RequestVerificationToken"] = TestApp.FormToken(logoutPage) });
        var after = await browser.GetAsync(new Uri("/me", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Empty((await client.Client.Sessions.GetAsync(godwitUserId, Cancel)).Sessions);
    }

    private static async Task<(HttpResponseMessage Response, string Html)> ConfirmLinkAsync(HttpClient browser, string token)
    {
        var confirmPage = await browser.GetStringAsync(new Uri($"/login/magic-link?stytch_token_type=magic_links&token={token}", UriKind.Relative), Cancel);
        return await TestApp.PostFormAsync(browser, "/login/magic-link", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.FormToken(confirmPage),
            ["token"] = TestApp.Hidden(confirmPage, "token"),
        });
    }
}
