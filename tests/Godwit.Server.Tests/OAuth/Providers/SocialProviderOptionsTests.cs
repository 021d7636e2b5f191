using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.OAuth.Providers;

/// <summary>A provider configured so that it cannot work stops startup with one line naming the setting.</summary>
public sealed class SocialProviderOptionsTests
{
    private static readonly string P256Pem = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    public static TheoryData<string, string?, string> Problems => new()
    {
        { "github:ClientSecret", null, "Godwit:OAuth:Providers:github:ClientSecret must be set" },
        { "github:ClientSecret", " ", "Godwit:OAuth:Providers:github:ClientSecret must be set" },
        { "github:ClientId", null, "Godwit:OAuth:Providers:github:ClientId must be set" },
        { "github:TokenEndpoint", "not a url", "Godwit:OAuth:Providers:github:TokenEndpoint must be an absolute https URL" },
        { "facebook:ApiBaseUrl", "http://graph.example.test/v21.0", "Godwit:OAuth:Providers:facebook:ApiBaseUrl must be an absolute https URL" },
        { "discord:AuthorizationEndpoint", "ftp://discord.example.test/authorize", "Godwit:OAuth:Providers:discord:AuthorizationEndpoint must be an absolute https URL" },
        { "discord:Scopes:0", "identify email", "Godwit:OAuth:Providers:discord:Scopes must list scope names" },
        { "apple:PrivateKey", null, "Godwit:OAuth:Providers:apple:PrivateKey must be set" },
        { "apple:PrivateKey", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----", "Godwit:OAuth:Providers:apple:PrivateKey must be the PEM text" },
        { "apple:PrivateKey", ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportPkcs8PrivateKeyPem(), "Godwit:OAuth:Providers:apple:PrivateKey must be a P-256 (ES256) key" },
        { "apple:TeamId", "", "Godwit:OAuth:Providers:apple:TeamId must be set" },
        { "apple:KeyId", null, "Godwit:OAuth:Providers:apple:KeyId must be set" },
        { "apple:DiscoveryUrl", "https://", "Godwit:OAuth:Providers:apple:DiscoveryUrl must be an absolute https URL" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task A_configured_provider_that_cannot_work_stops_startup_naming_the_setting(string setting, string? value, string line)
    {
        var settings = Complete();
        settings[$"Godwit:OAuth:Providers:{setting}"] = value;
        if (value is null)
        {
            settings.Remove($"Godwit:OAuth:Providers:{setting}");
        }

        await using var providers = new SocialProviders(settings);

        var refused = Assert.Throws<OptionsValidationException>(providers.ValidateAtStartup);
        Assert.StartsWith(line, refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.DoesNotContain("secret-value", refused.Message);
    }

    [Fact]
    public async Task Complete_settings_start_and_register_each_configured_provider()
    {
        await using var providers = new SocialProviders(Complete());

        providers.ValidateAtStartup();

        Assert.Equal(["apple", "discord", "facebook", "github"], providers.All.Select(p => p.PathSegment).Order());
    }

    [Fact]
    public async Task A_provider_without_settings_is_not_registered_and_loopback_http_is_allowed_for_stand_ins()
    {
        await using var providers = new SocialProviders(new Dictionary<string, string?>
        {
            ["Godwit:OAuth:Providers:github:ClientId"] = "id",
            ["Godwit:OAuth:Providers:github:ClientSecret"] = "secret-value",
            ["Godwit:OAuth:Providers:github:TokenEndpoint"] = "http://127.0.0.1:5999/token",
            ["Godwit:OAuth:Providers:github:ApiBaseUrl"] = "http://localhost:5999/api",
        });

        providers.ValidateAtStartup();

        Assert.Equal("github", Assert.Single(providers.All).PathSegment);
    }

    private static Dictionary<string, string?> Complete() => new()
    {
        ["Godwit:OAuth:Providers:github:ClientId"] = "gh-id",
        ["Godwit:OAuth:Providers:github:ClientSecret"] = "secret-value",
        ["Godwit:OAuth:Providers:facebook:ClientId"] = "fb-id",
        ["Godwit:OAuth:Providers:facebook:ClientSecret"] = "secret-value",
        ["Godwit:OAuth:Providers:discord:ClientId"] = "dc-id",
        ["Godwit:OAuth:Providers:discord:ClientSecret"] = "secret-value",
        ["Godwit:OAuth:Providers:apple:ClientId"] = "com.example.web",
        ["Godwit:OAuth:Providers:apple:TeamId"] = "TEAM123456",
        ["Godwit:OAuth:Providers:apple:KeyId"] = "KEY1234567",
        ["Godwit:OAuth:Providers:apple:PrivateKey"] = P256Pem,
    };
}
