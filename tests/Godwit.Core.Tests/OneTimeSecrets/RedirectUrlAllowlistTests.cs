using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;

namespace Godwit.Core.Tests.OneTimeSecrets;

public sealed class RedirectUrlAllowlistTests
{
    private static readonly RedirectUrlAllowlist Registered = new(
        ["https://app.example.com/authenticate", "https://app.example.com:8443/login", "http://localhost:3000/authenticate", "http://[::1]:4000/cb"],
        development: false);

    [Theory]
    [InlineData("https://app.example.com/authenticate")]
    [InlineData("https://app.example.com/authenticate?next=%2Fhome&a=1")]
    [InlineData("https://app.example.com/authenticate#top")]
    [InlineData("https://APP.Example.COM/authenticate")]
    [InlineData("HTTPS://app.example.com/authenticate")]
    [InlineData("https://app.example.com:443/authenticate")]
    [InlineData("https://app.example.com:8443/login?x=1")]
    [InlineData("http://localhost:3000/authenticate?stytch_token_type=magic_links")]
    [InlineData("http://[::1]:4000/cb")]
    public void A_url_with_the_scheme_host_port_and_path_of_an_entry_is_allowed_whatever_its_query(string url) =>
        Assert.True(Registered.Allows(url));

    [Theory]
    [InlineData("https://evil.test/authenticate")]
    [InlineData("https://app.example.com.evil.test/authenticate")]
    [InlineData("https://evil.app.example.com/authenticate")]
    [InlineData("https://app.example.com@evil.test/authenticate")]
    [InlineData("https://user@app.example.com/authenticate")]
    [InlineData("https://user:password@app.example.com/authenticate")]
    [InlineData("https://app.example.com./authenticate")]
    [InlineData("https://app.example.com:444/authenticate")]
    [InlineData("https://app.example.com:0443/authenticate")]
    [InlineData("https://app.example.com:8443/authenticate")]
    [InlineData("http://app.example.com/authenticate")]
    [InlineData("https://localhost:3000/authenticate")]
    [InlineData("https://app.example.com/authenticate-evil")]
    [InlineData("https://app.example.com/authenticate/")]
    [InlineData("https://app.example.com/authenticate/evil")]
    [InlineData("https://app.example.com/Authenticate")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com")]
    [InlineData("https://app.example.com/evil/../authenticate")]
    [InlineData("https://app.example.com/%2e%2e/authenticate")]
    [InlineData("https://app.example.com/authenticat%65")]
    [InlineData("https://app.example.com\\@evil.test/authenticate")]
    [InlineData("https://app.example.com/authenticate\t")]
    [InlineData(" https://app.example.com/authenticate")]
    [InlineData("http://loopback:3000/authenticate")]
    [InlineData("http://127.1:3000/authenticate")]
    [InlineData("https:app.example.com/authenticate")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/authenticate")]
    public void Any_other_host_port_path_or_spelling_is_refused(string url) =>
        Assert.False(Registered.Allows(url));

    [Fact]
    public void Development_with_no_entries_allows_loopback_urls_on_any_port_and_path_and_nothing_else()
    {
        var development = new RedirectUrlAllowlist([], development: true);

        Assert.True(development.Allows("http://localhost:3000/authenticate"));
        Assert.True(development.Allows("http://127.0.0.1:5173/any/path?x=1"));
        Assert.True(development.Allows("http://127.8.9.10/cb"));
        Assert.True(development.Allows("http://[::1]:8080/cb"));
        Assert.True(development.Allows("https://localhost/cb"));
        Assert.False(development.Allows("https://app.example.com/authenticate"));
        Assert.False(development.Allows("http://localhost.evil.test/authenticate"));
        Assert.False(development.Allows("http://app.localhost:3000/authenticate"));
        Assert.False(development.Allows("http://10.0.0.1/authenticate"));
    }

    [Fact]
    public void Production_with_no_entries_allows_nothing_and_development_with_entries_allows_only_them()
    {
        Assert.False(new RedirectUrlAllowlist([], development: false).Allows("http://localhost:3000/authenticate"));

        var listed = new RedirectUrlAllowlist(["https://app.example.com/authenticate"], development: true);
        Assert.True(listed.Allows("https://app.example.com/authenticate"));
        Assert.False(listed.Allows("http://localhost:3000/authenticate"));
    }

    [Fact]
    public void A_refusal_names_invalid_url_for_a_malformed_url_and_the_given_error_for_an_unregistered_one()
    {
        Assert.Null(Registered.Refusal(null, ErrorCatalog.UnregisteredResetUrl));
        Assert.Null(Registered.Refusal("https://app.example.com/authenticate?x=1", ErrorCatalog.UnregisteredResetUrl));
        Assert.Equal(ErrorCatalog.InvalidUrl, Registered.Refusal("ftp://app.example.com/authenticate", ErrorCatalog.UnregisteredResetUrl));
        Assert.Equal(ErrorCatalog.UnregisteredResetUrl, Registered.Refusal("https://evil.test/authenticate", ErrorCatalog.UnregisteredResetUrl));
    }
}
