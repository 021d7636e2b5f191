using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Godwit.Client.Tests;

public sealed class ClientOptionsTests
{
    [Theory]
    [InlineData("project-test-0b8c", "https://test.stytch.com/")]
    [InlineData("project-live-0b8c", "https://api.stytch.com/")]
    public void Without_a_base_url_the_project_id_picks_stytchs_environment(string projectId, string expected)
    {
        var options = new GodwitClientOptions { ProjectId = projectId, Secret = "s" };

        Assert.Equal(expected, options.ResolvedBaseUrl.AbsoluteUri);
    }

    [Fact]
    public void A_base_url_with_a_path_keeps_it_for_relative_request_paths()
    {
        var options = new GodwitClientOptions { ProjectId = "p", Secret = "s", BaseUrl = new Uri("https://auth.example.com/godwit") };

        Assert.Equal("https://auth.example.com/godwit/v1/users", new Uri(options.ResolvedBaseUrl, "v1/users").AbsoluteUri);
    }

    [Fact]
    public void Options_without_credentials_are_refused_when_the_client_is_first_resolved()
    {
        var services = new ServiceCollection();
        services.AddGodwitClient(options => options.BaseUrl = new Uri("ftp://example.com"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<GodwitClient>());

        Assert.Contains(error.Failures, f => f.Contains("ProjectId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Secret", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("BaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_bind_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Godwit:ProjectId"] = "project-live-1",
                ["Godwit:Secret"] = "secret-live-1",
                ["Godwit:BaseUrl"] = "http://localhost:5000",
                ["Godwit:MaxRetries"] = "1",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddGodwitClient(configuration.GetSection("Godwit"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<GodwitClientOptions>>().Value;

        Assert.Equal(("project-live-1", "http://localhost:5000/", 1), (options.ProjectId, options.ResolvedBaseUrl.AbsoluteUri, options.MaxRetries));
        Assert.Equal("project-live-1", provider.GetRequiredService<GodwitClient>().ProjectId);
    }
}
