using Godwit.Core.Biometrics;
using Godwit.Core.WebAuthn;
using Godwit.Server.Biometrics;
using Godwit.Server.WebAuthn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.WebAuthn;

public sealed class WebAuthnSettingsTests
{
    [Fact]
    public void Relying_parties_and_origins_are_bound_from_configuration()
    {
        using var services = Build(new()
        {
            ["Godwit:WebAuthn:RelyingPartyIds:0"] = "example.com",
            ["Godwit:WebAuthn:Origins:0"] = "https://app.example.com",
            ["Godwit:WebAuthn:ChallengeLifetime"] = "00:02:00",
        });

        var party = services.GetRequiredService<RelyingParties>().Find("Example.COM");

        Assert.NotNull(party);
        Assert.True(party.AllowsOrigin("https://app.example.com"));
        Assert.False(party.AllowsOrigin("https://example.com"));
        Assert.Equal(TimeSpan.FromMinutes(2), services.GetRequiredService<WebAuthnOptions>().ChallengeLifetime);
    }

    [Theory]
    [InlineData("Godwit:WebAuthn:Origins:0", "https://evil.example")]
    [InlineData("Godwit:WebAuthn:RelyingPartyIds:1", "https://example.com")]
    [InlineData("Godwit:WebAuthn:ChallengeLifetime", "02:00:00")]
    [InlineData("Godwit:Biometrics:ChallengeLifetime", "00:00:01")]
    public void A_malformed_setting_is_rejected_when_the_options_are_first_used(string key, string value)
    {
        using var services = Build(new() { ["Godwit:WebAuthn:RelyingPartyIds:0"] = "example.com", [key] = value });

        Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<WebAuthnOptions>>().Value;
            _ = services.GetRequiredService<IOptions<BiometricOptions>>().Value;
        });
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddGodwitWebAuthn(configuration)
            .AddGodwitBiometrics(configuration)
            .BuildServiceProvider();
    }
}
