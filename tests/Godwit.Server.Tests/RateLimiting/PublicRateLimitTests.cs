using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.RateLimiting;

/// <summary>The endpoints without project credentials are limited per client address.</summary>
public sealed class PublicRateLimitTests
{
    [Fact]
    public async Task The_jwks_is_limited_per_client_address_and_other_clients_are_unaffected()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Godwit:RateLimits:PublicPerIp"] = "3" },
        });
        var jwks = $"/v1/sessions/jwks/{host.ProjectId}";
        using var busy = ClientsFrom.Address(host, "127.0.0.2");
        using var other = ClientsFrom.Address(host, "127.0.0.3");

        var served = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            served.Add((await busy.GetJsonAsync(jwks)).Status);
        }

        var refused = await busy.GetJsonAsync(jwks);
        var health = await busy.GetJsonAsync("/health");
        var otherClient = await other.GetJsonAsync(jwks);
        var project = await host.Client.GetJsonAsync($"/v1/users/user-live-{Guid.NewGuid():D}");

        Assert.All(served, status => Assert.Equal(HttpStatusCode.OK, status));
        // Three a minute is one every 20 seconds.
        StytchShaped.AssertTooManyRequests(refused, maxRetryAfterSeconds: 20);
        StytchShaped.AssertTooManyRequests(health, maxRetryAfterSeconds: 20);
        Assert.Equal(HttpStatusCode.OK, otherClient.Status);
        Assert.Equal(HttpStatusCode.NotFound, project.Status);
    }

    [Fact]
    public async Task Behind_a_proxy_with_forwarded_headers_enabled_each_forwarded_client_has_its_own_budget()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Godwit:RateLimits:PublicPerIp"] = "1",
                // What ASPNETCORE_FORWARDEDHEADERS_ENABLED=true sets.
                ["ForwardedHeaders_Enabled"] = "true",
            },
        });
        var jwks = $"/v1/sessions/jwks/{host.ProjectId}";

        var first = await ForwardedForAsync(host, "203.0.113.7", jwks);
        var again = await ForwardedForAsync(host, "203.0.113.7", jwks);
        var another = await ForwardedForAsync(host, "203.0.113.8", jwks);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        StytchShaped.AssertTooManyRequests(again, maxRetryAfterSeconds: 60);
        Assert.Equal(HttpStatusCode.OK, another.Status);
    }

    [Fact]
    public async Task Addresses_in_one_ipv6_64_share_a_budget_and_another_64_has_its_own()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Godwit:RateLimits:PublicPerIp"] = "1", ["ForwardedHeaders_Enabled"] = "true" },
        });
        var jwks = $"/v1/sessions/jwks/{host.ProjectId}";

        var first = await ForwardedForAsync(host, "2001:db8:0:1::1", jwks);
        var sameNetwork = await ForwardedForAsync(host, "2001:db8:0:1:ffff::2", jwks);
        var otherNetwork = await ForwardedForAsync(host, "2001:db8:0:2::1", jwks);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        StytchShaped.AssertTooManyRequests(sameNetwork, maxRetryAfterSeconds: 60);
        Assert.Equal(HttpStatusCode.OK, otherNetwork.Status);
    }

    [Fact]
    public async Task Api_calls_without_a_credential_draw_from_the_client_addresss_budget()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Godwit:RateLimits:PublicPerIp"] = "2" },
        });
        using var anonymous = ClientsFrom.Address(host, "127.0.0.2");

        var first = await anonymous.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });
        var second = await anonymous.GetJsonAsync("/v1/no-such-route");
        var third = await anonymous.GetJsonAsync($"/v1/sessions/jwks/{host.ProjectId}");

        Assert.Equal("unauthorized_credentials", first.ErrorType);
        Assert.Equal("route_not_found", second.ErrorType);
        StytchShaped.AssertTooManyRequests(third, maxRetryAfterSeconds: 30);
    }

    private static async Task<ApiAnswer> ForwardedForAsync(GodwitHost host, string client, string path)
    {
        using var proxy = new HttpClient { BaseAddress = host.BaseUrl };
        proxy.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return await proxy.GetJsonAsync(path);
    }
}
