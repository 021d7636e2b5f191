using System.Text.RegularExpressions;
using Godwit.Samples.Tests.Support;
using Godwit.Testing.Hosting;
using Godwit.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Godwit.Samples.Tests;

/// <summary>A Godwit sending at most two codes a minute to an address, so a test can reach its limit.</summary>
public sealed class TightSendLimitGodwit : IAsyncLifetime
{
    public GodwitHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await GodwitHost.StartAsync(new GodwitHostOptions { Settings = new Dictionary<string, string?> { ["Godwit:Otps:MaxSendsPerMinute"] = "2" } });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// The code page of the sample in a real browser: it states the lifetime Godwit was asked for, sends
/// a new code on request, and within Godwit's send limit says how long to wait instead of failing.
/// </summary>
public sealed partial class LegacyAppCodePageTests(TightSendLimitGodwit godwit) : IClassFixture<TightSendLimitGodwit>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_code_page_states_the_codes_real_lifetime_sends_a_new_code_and_past_the_send_limit_says_how_long_to_wait()
    {
        await using var app = await RunningLegacyApp.StartAsync(godwit.Host, LogLevel.Information);
        await using var browser = await SampleBrowser.StartAsync();
        var member = (await app.MembersAsync())[2];
        await browser.OpenAsync(new Uri(app.Url, "/"));

        var codePage = await browser.SendEmailAsync(member.Email);
        var firstEmail = await godwit.Host.Smtp.WaitForMessageAsync(member.Email, Wait);
        var resent = await browser.PressAsync("Send a new code");
        var secondEmail = await godwit.Host.Smtp.WaitForMessageAsync(member.Email, Wait);
        var refused = await browser.PressAsync("Send a new code");
        var home = await browser.EnterCodeAsync(Code(secondEmail.TextBody!));

        // The page's lifetime is the one the code was issued with, as Godwit's own email says.
        Assert.Equal(200, codePage.Status);
        Assert.Contains("The code expires in 10 minutes.", codePage.Text, StringComparison.Ordinal);
        Assert.Contains("It expires in 10 minutes.", firstEmail.TextBody, StringComparison.Ordinal);
        Assert.Equal(200, resent.Status);
        Assert.Equal([$"We sent a new code to {member.Email}. Use the newest code."], resent.Notices);
        Assert.NotEqual(Code(firstEmail.TextBody!), Code(secondEmail.TextBody!));

        // Godwit's per-minute limit answered 429 with a Retry-After: the same code form, saying how long to wait.
        Assert.Equal((429, "/login/code/resend"), (refused.Status, refused.Path));
        var wait = WaitPattern().Match(Assert.Single(refused.Alerts));
        Assert.True(wait.Success, refused.Alerts[0]);
        Assert.InRange(int.Parse(wait.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Sign in", refused.Buttons);
        Assert.Equal($"Welcome, {member.DisplayName}", home.Heading);
        Assert.Equal(2, godwit.Host.Smtp.Received.Count(email => email.To.Contains(member.Email, StringComparison.OrdinalIgnoreCase)));

        // Logged at Information, the whole sign-in leaves no per-call HttpClient lines.
        var logs = app.Logs.Lines;
        Assert.Contains(logs, line => line.Level == LogLevel.Information);
        Assert.DoesNotContain(logs, line => line.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }

    private static string Code(string emailText) => CodePattern().Match(emailText).Groups[1].Value;

    [GeneratedRegex(@"Your (?:.+ )?code is (\d{6})\.")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^A new code cannot be sent yet\. Wait (\d+) seconds? before asking for another code\.")]
    private static partial Regex WaitPattern();
}
