using Godwit.Samples.Tests.Support;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Godwit.Samples.Tests;

/// <summary>
/// Godwit stops in the middle of people signing in to the sample: every step that needs it answers
/// the application's own "sign-in is unavailable" page with status 503, logs the cause once, and
/// the rest of the application keeps answering.
/// </summary>
public sealed class LegacyAppOutageTests
{
    [Fact]
    public async Task With_godwit_stopped_mid_flow_each_step_answers_the_unavailable_page_with_503_and_the_app_keeps_working()
    {
        var godwit = await GodwitHost.StartAsync();
        await using var stopAtEnd = godwit;
        var secret = godwit.Secret;
        await using var app = await RunningLegacyApp.StartAsync(godwit);
        await using var browser = await SampleBrowser.StartAsync();
        var first = ApiCalls.UniqueEmail("outage");
        var second = ApiCalls.UniqueEmail("outage");
        await browser.OpenAsync(new Uri(app.Url, "/"));
        Assert.Equal(200, (await browser.SendEmailAsync(first)).Status);
        await browser.OpenAsync(new Uri(app.Url, "/login"), tab: "other");
        Assert.Equal(200, (await browser.SendEmailAsync(second, tab: "other")).Status);
        var code = await godwit.EmailCodeAsync(first);

        await godwit.DisposeAsync();

        var verify = await browser.EnterCodeAsync(code);
        var resend = await browser.PressAsync("Send a new code", tab: "other");
        var retried = await browser.PressAsync("Try again");
        var loginPage = await browser.OpenAsync(new Uri(app.Url, "/login"));
        var start = await browser.SendEmailAsync(first);
        var home = await browser.OpenAsync(new Uri(app.Url, "/"));

        foreach (var (page, path) in new[] { (verify, "/login/code"), (resend, "/login/code/resend"), (retried, "/login/code"), (start, "/login") })
        {
            Assert.Equal((503, path, "Sign-in is unavailable"), (page.Status, page.Path, page.Heading));
            Assert.StartsWith("The sign-in service is unavailable at the moment", Assert.Single(page.Alerts), StringComparison.Ordinal);
            // The application's own frame: its name in the header, its navigation's sign-in link.
            Assert.StartsWith("Quayside Books", page.Text, StringComparison.Ordinal);
            Assert.Contains("Try again", page.Buttons);
        }

        Assert.Equal((200, "Sign in to Quayside Books"), (loginPage.Status, loginPage.Heading));
        Assert.Equal((200, "/login?returnUrl=%2F"), (home.Status, home.Path));

        var logs = app.Logs.Lines;
        var causes = logs.Where(line => line.Category == "Godwit.Migration.AspNetCore.Login").ToList();
        Assert.Equal(4, causes.Count);
        Assert.All(causes, line => Assert.Equal(LogLevel.Warning, line.Level));
        Assert.All(causes, line => Assert.Contains("Godwit failed or could not be reached", line.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Message.Contains(secret, StringComparison.Ordinal));
        // No unhandled exception anywhere: ASP.NET Core logs those at Error.
        Assert.DoesNotContain(logs, line => line.Level >= LogLevel.Error);
    }
}
