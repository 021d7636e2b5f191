using System.Net;
using System.Text.Json.Nodes;
using Godwit.Core.Security;
using Godwit.Server.Hosting;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Godwit.Server.Tests.OAuth;

/// <summary>OAuth settings checked at startup with one line naming the setting; the public token in Development; the public budget.</summary>
public sealed class OAuthSettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("godwit-oauth-settings-").FullName;

    [Theory]
    [InlineData("Godwit:OAuth:PublicToken", "public-token-test-1", "Godwit:OAuth:PublicToken must be public-token-live-<uuid>")]
    [InlineData("Godwit:OAuth:Providers:google:ClientSecret", "s", "Godwit:OAuth:Providers:google:ClientId must be set")]
    [InlineData("Godwit:OAuth:Oidc:Acme Corp:ClientId", "c", "Godwit:OAuth:Oidc:Acme Corp: a generic OpenID provider's name must be")]
    [InlineData("Godwit:OAuth:Oidc:github:ClientId", "c", "Godwit:OAuth:Oidc:github: a generic OpenID provider's name must be")]
    [InlineData("Godwit:OAuth:Oidc:acme:ClientId", "c", "Godwit:OAuth:Oidc:acme:DiscoveryUrl must be an absolute http or https URL.")]
    [InlineData("Godwit:OAuth:Oidc:acme:DiscoveryUrl", "http://idp.example/.well-known/openid-configuration", "Godwit:OAuth:Oidc:acme:DiscoveryUrl must use https")]
    [InlineData("Godwit:OAuth:Providers:microsoft:Tenant", "a/b", "Godwit:OAuth:Providers:microsoft:Tenant must be")]
    [InlineData("Godwit:OAuth:CallbackBaseUrl", "auth.example.com", "Godwit:OAuth:CallbackBaseUrl must be an absolute http or https URL")]
    [InlineData("Godwit:OAuth:Providers:gooogle:ClientId", "c", "Godwit:OAuth:Providers:gooogle is not a provider Godwit knows")]
    [InlineData("Godwit:OAuth:Providers:oidc:ClientId", "c", "Godwit:OAuth:Providers:oidc is not a provider Godwit knows")]
    public void A_bad_oauth_setting_stops_startup_with_one_line_naming_it(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Godwit:OAuth:PublicToken"] = "public-token-live-6a0d3c1e-2f5b-4c8e-9d7a-1b2c3d4e5f60",
            ["Godwit:OAuth:CallbackBaseUrl"] = "https://auth.example.com",
            [key] = value,
        };

        var problem = Assert.Throws<ConfigurationProblemException>(() => Build(settings, "Production"));

        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void A_provider_without_a_callback_base_url_or_outside_development_without_a_public_token_stops_startup()
    {
        var provider = new Dictionary<string, string?>
        {
            ["Godwit:OAuth:Providers:google:ClientId"] = "c",
            ["Godwit:OAuth:Providers:google:ClientSecret"] = "s",
        };

        var noBase = Assert.Throws<ConfigurationProblemException>(() => Build(new(provider) { ["Godwit:OAuth:PublicToken"] = "public-token-live-6a0d3c1e-2f5b-4c8e-9d7a-1b2c3d4e5f60" }, "Production"));
        var noToken = Assert.Throws<ConfigurationProblemException>(() => Build(new(provider) { ["Godwit:OAuth:CallbackBaseUrl"] = "https://auth.example.com" }, "Production"));

        Assert.StartsWith("Godwit:OAuth:CallbackBaseUrl must be set once a provider is configured", noBase.Message, StringComparison.Ordinal);
        Assert.StartsWith("Godwit:OAuth:PublicToken must be set outside Development", noToken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_makes_a_public_token_once_and_keeps_it_in_the_project_file()
    {
        var settings = new Dictionary<string, string?> { ["Godwit:OAuth:CallbackBaseUrl"] = "http://localhost:5000" };
        await using (Build(settings, "Development"))
        {
        }

        var first = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "project.json"), TestContext.Current.CancellationToken))!["oauth_public_token"]!.GetValue<string>();
        await using (Build(settings, "Development"))
        {
        }

        var second = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "project.json"), TestContext.Current.CancellationToken))!["oauth_public_token"]!.GetValue<string>();
        Assert.Matches("^public-token-test-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_public_start_draws_from_the_client_addresss_budget()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Settings = new Dictionary<string, string?> { ["Godwit:RateLimits:PublicPerIp"] = "3" } });
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await host.Anonymous.GetJsonAsync("/v1/public/oauth/google/start?public_token=x")).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private WebApplication Build(Dictionary<string, string?> settings, string environment) => GodwitApp.Build([], builder =>
    {
        builder.Environment.EnvironmentName = environment;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Godwit:ProjectId"] = "project-live-6a1f0c3e-0000-4000-8000-00000000c0de",
            ["Godwit:Secret"] = "secret-live-0123456789abcdef0123456789abcdef",
            ["Godwit:DataFolder"] = folder,
            ["Godwit:EncryptionKeys"] = EncryptionKey.NewSetting(DateTimeOffset.UtcNow),
        });
        builder.Configuration.AddInMemoryCollection(settings);
    });
}
