using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>
/// Development mints Stytch's test-environment ids (<c>user-test-…</c>), every other environment
/// live ones, even with both servers running in one process at once.
/// </summary>
public sealed class IdEnvironmentTests
{
    [Fact]
    public async Task Development_and_production_servers_side_by_side_each_mint_their_own_environment_s_ids()
    {
        await using var development = await GodwitHost.StartAsync(new() { Environment = "Development" });
        await using var production = await GodwitHost.StartAsync(new() { Environment = "Production" });

        var creations = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => CreateUserAsync(i % 2 == 0 ? development : production)));

        foreach (var (created, i) in creations.Select((c, i) => (c, i)))
        {
            var environment = i % 2 == 0 ? "test" : "live";
            Assert.StartsWith($"user-{environment}-", created.Text("user_id"), StringComparison.Ordinal);
            Assert.StartsWith($"email-{environment}-", created.Text("email_id"), StringComparison.Ordinal);
            Assert.StartsWith($"phone-number-{environment}-", created.Text("phone_id"), StringComparison.Ordinal);
            Assert.StartsWith($"request-id-{environment}-", created.Text("request_id"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Development_sessions_signing_keys_and_otp_methods_carry_the_test_prefix()
    {
        await using var host = await GodwitHost.StartAsync(new() { Environment = "Development" });
        var email = ApiCalls.UniqueEmail("test-env");

        var answer = await host.LogInByMagicLinkAsync(email);
        var jwks = await host.Anonymous.GetJsonAsync($"/v1/sessions/jwks/{host.ProjectId}");

        Assert.StartsWith("session-test-", answer.Body.GetProperty("session").GetProperty("session_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("user-test-", answer.Text("user_id"), StringComparison.Ordinal);
        Assert.All(jwks.Body.GetProperty("keys").EnumerateArray(), key => Assert.StartsWith("jwk-test-", key.GetProperty("kid").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_id_from_the_other_environment_is_well_formed_and_not_found()
    {
        await using var host = await GodwitHost.StartAsync(new() { Environment = "Development" });
        var created = await CreateUserAsync(host);
        var liveTwin = created.Text("user_id").Replace("user-test-", "user-live-", StringComparison.Ordinal);

        var found = await host.Client.GetJsonAsync($"/v1/users/{created.Text("user_id")}");
        var twin = await host.Client.GetJsonAsync($"/v1/users/{liveTwin}");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (twin.Status, twin.ErrorType));
    }

    private static async Task<ApiAnswer> CreateUserAsync(GodwitHost host)
    {
        var created = await host.Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail("env"), phone_number = ApiCalls.UniquePhone() });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return created;
    }
}
