using Godwit.Core.WebAuthn;

namespace Godwit.Core.Tests.WebAuthn;

public sealed class WebAuthnOptionsTests
{
    [Fact]
    public void The_defaults_are_usable_and_configure_no_relying_party()
    {
        var options = new WebAuthnOptions();

        Assert.Null(options.Problem());
        Assert.Empty(options.RelyingPartyIds);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ChallengeLifetime);
    }

    [Fact]
    public void Origins_belong_to_the_relying_party_ids_they_are_on_or_below()
    {
        var options = new WebAuthnOptions
        {
            RelyingPartyIds = ["example.com", "app.example.com"],
            Origins = ["https://example.com", "https://app.example.com:8443/", "HTTP://LOCALHOST.example.com"],
        };

        Assert.Null(options.Problem());
        Assert.Equal(["http://localhost.example.com", "https://app.example.com:8443", "https://example.com"], options.OriginsFor("example.com").Order(StringComparer.Ordinal));
        Assert.Equal(["https://app.example.com:8443"], options.OriginsFor("app.example.com"));
    }

    [Theory]
    [InlineData("https://example.com", "https://example.com")]
    [InlineData("https://example.com:443", "https://example.com")]
    [InlineData("http://localhost:3000/", "http://localhost:3000")]
    [InlineData("https://example.com/login", null)]
    [InlineData("https://example.com?x=1", null)]
    [InlineData("ftp://example.com", null)]
    [InlineData("example.com", null)]
    public void Origins_are_normalised_as_browsers_write_them(string origin, string? expected)
    {
        Assert.Equal(expected, WebAuthnOptions.NormalizeOrigin(origin));
    }

    [Theory]
    [InlineData("https://example.com", "RelyingPartyIds")]
    [InlineData("Example.com", "RelyingPartyIds")]
    [InlineData("example.com:443", "RelyingPartyIds")]
    public void A_relying_party_id_must_be_a_bare_lower_case_host(string id, string setting)
    {
        var options = new WebAuthnOptions { RelyingPartyIds = [id] };

        Assert.Contains($"Godwit:WebAuthn:{setting}", options.Problem(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://notexample.com")]
    [InlineData("https://example.com/path")]
    public void An_origin_outside_every_relying_party_or_with_a_path_stops_startup(string origin)
    {
        var options = new WebAuthnOptions { RelyingPartyIds = ["example.com"], Origins = [origin] };

        Assert.Contains("Godwit:WebAuthn:Origins", options.Problem(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(3601)]
    public void The_challenge_lifetime_is_bounded(int seconds)
    {
        Assert.Contains("ChallengeLifetime", new WebAuthnOptions { ChallengeLifetime = TimeSpan.FromSeconds(seconds) }.Problem(), StringComparison.Ordinal);
    }
}
