using System.Net;
using System.Text.Json.Nodes;
using Godwit.Core.Events;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Webhooks;

/// <summary>
/// Delivery to a real receiver (tests/webhooks/receiver.mjs) that checks every signature with the
/// <c>standardwebhooks</c> npm package: signatures, retries, order per user, disabling and resuming,
/// secret rotation and redelivery, on every database.
/// </summary>
public abstract class WebhookDeliveryContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task Every_event_arrives_with_a_signature_the_standard_webhooks_library_accepts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await CreateEndpointAsync(receiver);
        await receiver.ConfigureAsync([secret]);
        var users = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            users.Add((await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id"));
        }

        var received = await receiver.WaitForAsync(r => users.All(u => r.Any(w => w.UserId == u)), Patience, "every user.created");

        foreach (var delivery in received.Where(r => users.Contains(r.UserId!)))
        {
            Assert.Equal([true], delivery.Verified);
            Assert.Equal("user.created", delivery.Type);
            Assert.Equal(delivery.Id, delivery.Body.GetProperty("data").GetProperty("event_id").GetString());
            Assert.StartsWith("event-live-", delivery.Id, StringComparison.Ordinal);
            Assert.Equal("api_key", delivery.Body.GetProperty("data").GetProperty("actor").GetProperty("type").GetString());
            Assert.Equal(Host.ProjectId, delivery.Body.GetProperty("data").GetProperty("actor").GetProperty("id").GetString());
            Assert.InRange(delivery.Timestamp, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        }

        var deliveries = await Client.GetJsonAsync($"/v1/webhooks/{id}/deliveries");
        Assert.All(deliveries.Body.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        await Client.DeleteJsonAsync($"/v1/webhooks/{id}");
    }

    [Fact]
    public async Task A_receiver_answering_500_gets_the_retry_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await CreateEndpointAsync(receiver);
        await receiver.ConfigureAsync([secret], failFirst: 1);

        var userId = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");

        var received = await receiver.WaitForAsync(r => r.Count(w => w.UserId == userId) >= 2, Patience, "the retry");
        var mine = received.Where(w => w.UserId == userId).ToList();
        Assert.Single(mine.Select(w => w.Id).Distinct());
        Assert.All(mine, w => Assert.Equal([true], w.Verified));
        var delivery = await WaitForDeliveryAsync(id, d => d.GetProperty("status").GetString() == "delivered");
        var attempts = delivery.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([500, 200], attempts.Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal("receiver says no", attempts[0].GetProperty("response_excerpt").GetString());
        Assert.All(attempts, a => Assert.True(a.GetProperty("latency_ms").GetDouble() >= 0));
        await Client.DeleteJsonAsync($"/v1/webhooks/{id}");
    }

    [Fact]
    public async Task Events_of_one_user_arrive_in_the_order_they_happened_even_across_retries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await CreateEndpointAsync(receiver, ["user.updated"]);
        await receiver.ConfigureAsync([secret], failFirst: 2);
        var userId = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");
        const int Events = 12;
        for (var i = 0; i < Events; i++)
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<EventLog>();
            log.Record(EventTypes.UserUpdated, userId, new JsonObject { ["seq"] = i });
            await log.CommitPendingAsync(TestContext.Current.CancellationToken);
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        var received = await receiver.WaitForAsync(r => r.Where(w => w.UserId == userId).Select(w => w.Id).Distinct().Count() == Events, Patience, "every user.updated");

        var order = received.Where(w => w.UserId == userId).Select(w => w.Payload.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal(order.Order(), order);
        Assert.True(order.Count > Events, "no delivery was retried, so the test proved nothing about order across retries");
        await Client.DeleteJsonAsync($"/v1/webhooks/{id}");
    }

    [Fact]
    public async Task Persistent_failure_disables_the_endpoint_and_re_enabling_it_resumes_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await CreateEndpointAsync(receiver);
        await receiver.ConfigureAsync([secret], status: 500);
        var first = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");

        var failed = await WaitForDeliveryAsync(id, d => d.GetProperty("status").GetString() == "failed");
        Assert.Equal(3, failed.GetProperty("attempts").GetArrayLength());
        var endpoint = (await Client.GetJsonAsync($"/v1/webhooks/{id}")).Body.GetProperty("webhook");
        Assert.False(endpoint.GetProperty("enabled").GetBoolean());
        Assert.Contains("failed 3 attempts", endpoint.GetProperty("disabled_reason").GetString(), StringComparison.Ordinal);
        var tries = (await receiver.ReceivedAsync()).Count(w => w.UserId == first);
        Assert.Equal(3, tries);

        var whileDisabled = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");
        await WaitForDeliveryAsync(id, d => d.GetProperty("user_id").GetString() == whileDisabled);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(await receiver.ReceivedAsync(), w => w.UserId == whileDisabled);

        await receiver.ConfigureAsync([secret]);
        var enabled = await Client.PutAsync($"/v1/webhooks/{id}", new { enabled = true });
        Assert.True(enabled.Body.GetProperty("webhook").GetProperty("enabled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, enabled.Body.GetProperty("webhook").GetProperty("disabled_reason").ValueKind);
        await receiver.WaitForAsync(r => r.Any(w => w.UserId == whileDisabled && w.Verified[0]), Patience, "the delivery queued while disabled");

        var redelivered = await Client.PostAsync($"/v1/webhooks/{id}/deliveries/{failed.GetProperty("delivery_id").GetString()}/redeliver", new { });
        Assert.Equal(HttpStatusCode.OK, redelivered.Status);
        var received = await receiver.WaitForAsync(r => r.Count(w => w.UserId == first) == 4, Patience, "the redelivery");
        Assert.Single(received.Where(w => w.UserId == first).Select(w => w.Id).Distinct());
        await Client.DeleteJsonAsync($"/v1/webhooks/{id}");
    }

    [Fact]
    public async Task After_a_rotation_both_the_old_and_the_new_secret_verify_each_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, old) = await CreateEndpointAsync(receiver);
        var rotated = (await Client.PostAsync($"/v1/webhooks/{id}/rotate_secret", new { })).Body.GetProperty("webhook").GetProperty("secret").GetString()!;
        await receiver.ConfigureAsync([old, rotated, "whsec_" + Convert.ToBase64String(new byte[24])]);

        var userId = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");

        var received = await receiver.WaitForAsync(r => r.Any(w => w.UserId == userId), Patience, "the delivery");
        var delivery = received.First(w => w.UserId == userId);
        Assert.Equal(2, delivery.Signatures);
        Assert.Equal([true, true, false], delivery.Verified);
        await Client.DeleteJsonAsync($"/v1/webhooks/{id}");
    }

    private async Task<(string Id, string Secret)> CreateEndpointAsync(WebhookReceiver receiver, string[]? eventTypes = null)
    {
        var created = await Client.PostAsync("/v1/webhooks", new { url = receiver.Url.ToString(), event_types = eventTypes ?? ["user.created"] });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var webhook = created.Body.GetProperty("webhook");
        return (webhook.GetProperty("webhook_id").GetString()!, webhook.GetProperty("secret").GetString()!);
    }

    private async Task<System.Text.Json.JsonElement> WaitForDeliveryAsync(string endpointId, Func<System.Text.Json.JsonElement, bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var page = await Client.GetJsonAsync($"/v1/webhooks/{endpointId}/deliveries");
            if (page.Body.GetProperty("deliveries").EnumerateArray().FirstOrDefault(done) is { ValueKind: System.Text.Json.JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.True(waited.Elapsed < Patience, $"no delivery as expected after {Patience}: {page}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

public sealed class WebhookDeliveryOnSqlite(WebhookSqliteGodwit godwit) : WebhookDeliveryContract, IClassFixture<WebhookSqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class WebhookDeliveryOnPostgres(WebhookPostgresGodwit godwit) : WebhookDeliveryContract, IClassFixture<WebhookPostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
