using System.Net;
using System.Text.Json.Nodes;
using Godwit.Core.Events;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using static Godwit.Server.Tests.Telemetry.PrometheusScrape;

namespace Godwit.Server.Tests.Telemetry;

[Collection(ExactCounts.Name)]
public sealed class PrometheusEndpointTests
{
    private const string RequestCount = "http_server_request_duration_seconds_count";

    [Fact]
    public async Task Request_counts_are_labelled_with_the_route_template_and_status_never_the_user_id()
    {
        await using var host = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Status);
        var missingUser = "user-test-" + Guid.NewGuid().ToString("D");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetJsonAsync($"/v1/users/{missingUser}")).Status);
        }

        var samples = await ScrapeUntilAsync(host, s => Sum(s, RequestCount, ("http_route", "/v1/users/{userId}"), ("http_response_status_code", "404")) >= 3);

        Assert.Equal(3, Sum(samples, RequestCount, ("http_route", "/v1/users/{userId}"), ("http_response_status_code", "404"), ("http_request_method", "GET")));
        var created = samples.Single(s => s.Name == RequestCount && s.Label("http_request_method") == "POST");
        // The template as routing holds it: MapPost("") in the /v1/users group ends in a slash.
        Assert.Equal(("/v1/users/", "200", 1d), (created.Label("http_route"), created.Label("http_response_status_code"), created.Value));
        Assert.DoesNotContain(samples, s => s.Labels.Values.Any(value => value.Contains(missingUser, StringComparison.Ordinal)));
        Assert.DoesNotContain(samples, s => s.Labels.Values.Any(value => value.Contains("@example.com", StringComparison.Ordinal)));
        Assert.Equal(1, Sum(samples, "godwit_users_created_total", ("source", "api")));
    }

    [Fact]
    public async Task Logins_are_counted_by_factor_and_outcome_from_the_events_recorded()
    {
        await using var host = await StartAsync();
        await RecordAsync(host, EventTypes.LoginSucceeded, new JsonObject { ["factor"] = "password", ["session_id"] = "session-live-x" });
        await RecordAsync(host, EventTypes.LoginSucceeded, new JsonObject { ["factor"] = "password" });
        await RecordAsync(host, EventTypes.LoginSucceeded, new JsonObject { ["factor"] = "otp", ["delivery_method"] = "email" });
        await RecordAsync(host, EventTypes.LoginFailed, new JsonObject { ["factor"] = "password", ["reason"] = "unauthorized_credentials" });
        await RecordAsync(host, EventTypes.LoginFailed, new JsonObject { ["factor"] = "totp", ["reason"] = "otp_code_not_found" });
        await RecordAsync(host, EventTypes.MigrationReported, new JsonObject { ["path"] = "legacy_hook" });
        // An application's made-up path must not become a label of its own.
        await RecordAsync(host, EventTypes.MigrationReported, new JsonObject { ["path"] = "someone@example.com" });
        await RecordAsync(host, EventTypes.SessionCreated, new JsonObject { ["session_id"] = "session-live-x" });

        var samples = await ScrapeUntilAsync(host, s => Sum(s, "godwit_logins_total") >= 5);

        Assert.Equal(2, Sum(samples, "godwit_logins_total", ("factor", "password"), ("outcome", "succeeded")));
        Assert.Equal(1, Sum(samples, "godwit_logins_total", ("factor", "otp"), ("outcome", "succeeded")));
        Assert.Equal(1, Sum(samples, "godwit_logins_total", ("factor", "password"), ("outcome", "failed"), ("reason", "unauthorized_credentials")));
        Assert.Equal(1, Sum(samples, "godwit_logins_total", ("factor", "totp"), ("outcome", "failed"), ("reason", "otp_code_not_found")));
        Assert.Equal(5, Sum(samples, "godwit_logins_total"));
        Assert.Equal(1, Sum(samples, "godwit_migrations_total", ("path", "legacy_hook")));
        Assert.Equal(1, Sum(samples, "godwit_migrations_total", ("path", "other")));
        Assert.Equal(1, Sum(samples, "godwit_sessions_created_total"));
    }

    [Fact]
    public async Task Metrics_answer_404_when_not_enabled()
    {
        await using var host = await GodwitHost.StartAsync();
        using var response = await host.Anonymous.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Addresses_outside_the_allowed_ranges_get_404()
    {
        await using var outside = await StartAsync(("Godwit:Telemetry:Prometheus:AllowedAddresses:0", "10.0.0.0/8"));
        using var refused = await outside.Anonymous.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        await using var inside = await StartAsync(("Godwit:Telemetry:Prometheus:AllowedAddresses:0", "127.0.0.1"));
        Assert.NotEmpty(await ScrapeAsync(inside));
    }

    /// <summary>Records an event as the login and migration endpoints do, and commits it.</summary>
    private static async Task RecordAsync(GodwitHost host, string type, JsonObject payload)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<EventLog>();
        log.Record(type, userId: null, payload);
        await log.CommitPendingAsync(TestContext.Current.CancellationToken);
    }
}
