using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Tests.Support;

namespace Godwit.Migration.Tests.Support;

/// <summary>A person logging in through the application's pages, step by step.</summary>
internal static class BrowserLogin
{
    /// <summary>Opens the login page and submits an email address; returns the page that follows.</summary>
    public static async Task<(HttpResponseMessage Response, string Html)> SubmitEmailAsync(HttpClient browser, string email, string returnUrl = "/me")
    {
        var page = await browser.GetStringAsync(new Uri($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));
        return await TestApp.PostFormAsync(browser, "/login", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.FormToken(page),
            ["returnUrl"] = TestApp.Hidden(page, "returnUrl"),
            ["email"] = email,
        });
    }

    /// <summary>Submits the code form.</summary>
    public static Task<(HttpResponseMessage Response, string Html)> SubmitCodeAsync(HttpClient browser, string codePage, string code) =>
        TestApp.PostFormAsync(browser, "/login/code", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.FormToken(codePage),
            ["state"] = TestApp.Hidden(codePage, "state"),
            ["code"] = code,
        });

    /// <summary>The whole email-code login; returns where the application sent the browser.</summary>
    public static async Task<Uri> ByEmailCodeAsync(HttpClient browser, GodwitHost godwit, string email, string returnUrl = "/me")
    {
        var (_, codePage) = await SubmitEmailAsync(browser, email, returnUrl);
        var (signedIn, html) = await SubmitCodeAsync(browser, codePage, await godwit.EmailCodeAsync(email));
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signedIn.StatusCode}: {html}");
        return signedIn.Headers.Location!;
    }
}
