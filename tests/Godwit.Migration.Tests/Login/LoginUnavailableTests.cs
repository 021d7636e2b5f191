using System.Net;
using Godwit.Migration.AspNetCore.Login;
using Godwit.Migration.Tests.Support;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Godwit.Migration.Tests.Login;

/// <summary>
/// Godwit down or failing: the login flow answers its "sign-in is unavailable" page with status 503
/// and a button repeating the step, where it used to throw into a 500.
/// </summary>
public sealed class LoginUnavailableTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_magic_link_confirmed_while_godwit_is_stopped_answers_503_with_a_button_that_repeats_the_step()
    {
        var godwit = await GodwitHost.StartAsync();
        await using var stopAtEnd = godwit;
        await using var app = await TestApp.StartAsync(godwit, login: options =>
        {
            options.Method = GodwitLoginMethod.EmailMagicLink;
            options.MagicLinkUrl = new Uri("https://app.example/login/magic-link");
        });
        var email = ApiCalls.UniqueEmail();
        using var browser = app.Browser();
        await BrowserLogin.SubmitEmailAsync(browser, email);
        var token = await godwit.LinkTokenAsync(email);
        var confirmPage = await browser.GetStringAsync(new Uri($"/login/magic-link?stytch_token_type=magic_links&token={token}", UriKind.Relative), Cancel);

        await godwit.DisposeAsync();
        var (refused, html) = await TestApp.PostFormAsync(browser, "/login/magic-link", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.FormToken(confirmPage),
            ["token"] = TestApp.Hidden(confirmPage, "token"),
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("The sign-in service is unavailable at the moment", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/login/magic-link\"", html, StringComparison.Ordinal);
        Assert.Equal(token, TestApp.Hidden(html, "token"));
        Assert.Contains(">Try again</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_godwit_answering_500_at_the_start_of_a_login_answers_503_not_500()
    {
        await using var failing = await FailingGodwitAsync();
        await using var app = await TestApp.StartAsync(new Uri(failing.Urls.Single()), "project-live-00000000-0000-4000-8000-000000000000", "secret-live-unused");
        using var browser = app.Browser();

        var (refused, html) = await BrowserLogin.SubmitEmailAsync(browser, ApiCalls.UniqueEmail());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("The sign-in service is unavailable at the moment", html, StringComparison.Ordinal);
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
    }

    /// <summary>A server in Godwit's place that fails every call with Stytch's 500 body.</summary>
    private static async Task<WebApplication> FailingGodwitAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["status_code"] = 500,
                ["request_id"] = "request-id-test-00000000-0000-4000-8000-000000000000",
                ["error_type"] = "internal_server_error",
                ["error_message"] = "Something went wrong.",
                ["error_url"] = "https://stytch.com/docs/api/errors/500",
            });
        });
        await app.StartAsync(Cancel);
        return app;
    }
}
