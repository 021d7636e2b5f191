using Godwit.Core.OneTimeSecrets;

namespace Godwit.Core.Tests.OneTimeSecrets;

public sealed class RedirectUrlOptionsTests
{
    private static readonly (string, string?)[] NoDefaults = [];

    [Theory]
    [InlineData("http://app.example.com/authenticate", "uses http on a host that is not loopback")]
    [InlineData("http://10.0.0.5/authenticate", "uses http on a host that is not loopback")]
    [InlineData("http://localhost.evil.test/authenticate", "uses http on a host that is not loopback")]
    [InlineData("https://app.example.com/authenticate?next=1", "without user info, query or fragment")]
    [InlineData("https://app.example.com/authenticate#top", "without user info, query or fragment")]
    [InlineData("https://user@app.example.com/authenticate", "without user info, query or fragment")]
    [InlineData("https://app.example.com/a/../authenticate", "written plainly")]
    [InlineData("app.example.com/authenticate", "must be an absolute https URL")]
    public void An_entry_that_cannot_be_compared_safely_stops_startup_naming_it(string entry, string problem)
    {
        var options = new RedirectUrlOptions { RedirectUrls = ["https://ok.example.com/cb", entry] };

        var message = options.Problem(development: true, sendsEmail: true, NoDefaults);

        Assert.NotNull(message);
        Assert.StartsWith($"Godwit:RedirectUrls:1 ({entry}) ", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:3000/authenticate")]
    [InlineData("http://127.0.0.1:3000/authenticate")]
    [InlineData("http://127.200.0.1/authenticate")]
    [InlineData("http://[::1]:3000/authenticate")]
    [InlineData("https://app.example.com/authenticate")]
    [InlineData("https://app.example.com")]
    public void Https_entries_and_http_on_loopback_are_accepted(string entry) =>
        Assert.Null(new RedirectUrlOptions { RedirectUrls = [entry] }.Problem(development: false, sendsEmail: true, NoDefaults));

    [Fact]
    public void Outside_development_an_empty_list_stops_startup_while_email_can_be_sent()
    {
        var empty = new RedirectUrlOptions();

        Assert.Equal(
            "Godwit:RedirectUrls is empty: outside Development, list the URLs magic links and password reset emails may point to (for example Godwit__RedirectUrls__0=https://app.example.com/authenticate).",
            empty.Problem(development: false, sendsEmail: true, NoDefaults));
        Assert.Null(empty.Problem(development: false, sendsEmail: false, NoDefaults));
        Assert.Null(empty.Problem(development: true, sendsEmail: true, NoDefaults));
    }

    [Fact]
    public void A_configured_default_url_that_is_not_allowed_stops_startup_naming_its_setting()
    {
        var options = new RedirectUrlOptions { RedirectUrls = ["https://app.example.com/authenticate"] };
        (string, string?)[] defaults =
        [
            ("Godwit:MagicLinks:DefaultLoginUrl", "https://app.example.com/authenticate"),
            ("Godwit:MagicLinks:DefaultSignupUrl", null),
            ("Godwit:MagicLinks:DefaultInviteUrl", "not a url, reported by MagicLinkOptions"),
            ("Godwit:Passwords:ResetUrl", "https://app.example.com/reset"),
        ];

        Assert.Equal(
            "Godwit:Passwords:ResetUrl (https://app.example.com/reset) is not among Godwit:RedirectUrls: add it there.",
            options.Problem(development: false, sendsEmail: true, defaults));
        Assert.StartsWith(
            "Godwit:MagicLinks:DefaultLoginUrl (https://app.example.com/authenticate) is not a loopback URL",
            new RedirectUrlOptions().Problem(development: true, sendsEmail: true, defaults), StringComparison.Ordinal);
    }
}
