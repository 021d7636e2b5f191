using System.Net;
using Godwit.Server.RateLimiting;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.RateLimiting;

/// <summary>Budgets per project and endpoint family, over real HTTP.</summary>
public sealed class ApiRateLimitTests
{
    private static string SomeUserPath => $"/v1/users/user-live-{Guid.NewGuid():D}";

    [Fact]
    public async Task A_family_past_its_limit_answers_too_many_requests_and_another_family_is_unaffected()
    {
        await using var host = await StartAsync(new() { ["Godwit:RateLimits:Api:Users"] = "3" });

        var served = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            served.Add((await host.Client.GetJsonAsync(SomeUserPath)).Status);
        }

        var refused = await host.Client.GetJsonAsync(SomeUserPath);
        var import = await host.Client.PostAsync("/v1/users/import", new { users = new[] { new { email = ApiCalls.UniqueEmail() } } });
        var otherFamily = await host.Client.GetJsonAsync($"/v1/sessions?user_id=user-live-{Guid.NewGuid():D}");

        Assert.All(served, status => Assert.Equal(HttpStatusCode.NotFound, status));
        // Three a minute is one every 20 seconds.
        StytchShaped.AssertTooManyRequests(refused, maxRetryAfterSeconds: 20);
        Assert.Equal(HttpStatusCode.OK, import.Status);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherFamily.Status);
        Assert.Equal("user_not_found", otherFamily.ErrorType);
    }

    [Fact]
    public async Task A_path_in_other_letters_counts_in_its_own_family()
    {
        await using var host = await StartAsync(new() { ["Godwit:RateLimits:Api:Users"] = "1" });
        await host.Client.GetJsonAsync(SomeUserPath);

        var upperCase = await host.Client.GetJsonAsync($"/V1/Users/user-live-{Guid.NewGuid():D}");

        StytchShaped.AssertTooManyRequests(upperCase, maxRetryAfterSeconds: 60);
    }

    [Fact]
    public async Task A_refused_client_is_served_again_once_its_retry_after_has_passed()
    {
        // Sixty a minute: a bucket of sixty, one more each second.
        await using var host = await StartAsync(new() { ["Godwit:RateLimits:Api:Users"] = "60" });
        ApiAnswer? refused = null;
        for (var i = 0; i < 300 && refused is null; i++)
        {
            var answer = await host.Client.GetJsonAsync(SomeUserPath);
            refused = answer.Status == HttpStatusCode.TooManyRequests ? answer : null;
        }

        Assert.NotNull(refused);
        StytchShaped.AssertTooManyRequests(refused, maxRetryAfterSeconds: 1);
        await Task.Delay(TimeSpan.FromSeconds(refused.RetryAfterSeconds!.Value + 0.5), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetJsonAsync(SomeUserPath)).Status);
    }

    [Fact]
    public async Task Wrong_secrets_under_the_real_project_id_do_not_spend_the_projects_budget()
    {
        await using var host = await StartAsync(new()
        {
            ["Godwit:RateLimits:Api:Users"] = "3",
            // Off, so that the stranger's failures are answered 401 however many there are.
            ["Godwit:RateLimits:FailedAuthenticationsPerIp"] = "0",
        });
        using var stranger = ClientsFrom.Address(host, "127.0.0.2", secret: "secret-live-guessed");

        var guesses = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            guesses.Add((await stranger.GetJsonAsync(SomeUserPath)).ErrorType);
        }

        var served = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            served.Add((await host.Client.GetJsonAsync(SomeUserPath)).Status);
        }

        Assert.All(guesses, errorType => Assert.Equal("unauthorized_credentials", errorType));
        Assert.All(served, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }

    [Fact]
    public async Task With_rate_limits_off_nothing_is_refused()
    {
        await using var host = await StartAsync(new()
        {
            ["Godwit:RateLimits:Enabled"] = "false",
            ["Godwit:RateLimits:Api:Users"] = "1",
            ["Godwit:RateLimits:PublicPerIp"] = "1",
            ["Godwit:RateLimits:FailedAuthenticationsPerIp"] = "1",
        });
        using var stranger = ClientsFrom.Address(host, "127.0.0.2", secret: "secret-live-guessed");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await host.Client.GetJsonAsync(SomeUserPath)).Status);
            answers.Add((await stranger.GetJsonAsync(SomeUserPath)).Status);
            answers.Add((await host.Anonymous.GetJsonAsync($"/v1/sessions/jwks/{host.ProjectId}")).Status);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers);
    }

    [Theory]
    [InlineData("Godwit:RateLimits:Api:Users", "-1")]
    [InlineData("Godwit:RateLimits:Api:Sessions", "10000001")]
    [InlineData("Godwit:RateLimits:PublicPerIp", "-5")]
    [InlineData("Godwit:RateLimits:FailedAuthenticationsPerIp", "-1")]
    public void A_bad_setting_is_rejected_at_startup(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddGodwitRateLimits(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static Task<GodwitHost> StartAsync(Dictionary<string, string?> settings) =>
        GodwitHost.StartAsync(new GodwitHostOptions { Settings = settings });
}
