using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Godwit.Testing;
using Microsoft.Data.Sqlite;

namespace Godwit.Cli.Tests.Webhooks;

/// <summary>
/// Webhook delivery by the real <c>godwit serve</c>: a server killed with SIGKILL in the middle of a
/// burst loses no event, and two servers on one PostgreSQL deliver each event exactly once between
/// them. The receiver (tests/webhooks/receiver.mjs) verifies every signature with the
/// <c>standardwebhooks</c> npm package.
/// </summary>
public sealed class WebhookDeliveryProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_server_killed_during_a_burst_of_5000_sign_ups_delivers_every_event_after_restarting()
    {
        const int SignUps = 5_000;
        var folder = Directory.CreateTempSubdirectory("godwit-webhook-kill-").FullName;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = new ServedGodwit(folder, "sqlite", null);
        await server.StartAsync();
        var secret = await CreateEndpointAsync(server.Client, receiver);
        await receiver.ConfigureAsync([secret]);

        var done = 0;
        var restarted = new TaskCompletionSource();
        var burst = Parallel.ForEachAsync(Enumerable.Range(0, SignUps), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, token) =>
        {
            // Retried until answered: a sign-up whose answer the kill swallowed may have committed, and then answers duplicate_email.
            while (true)
            {
                try
                {
                    using var response = await server.Client.PostAsJsonAsync("v1/users", new { email = $"burst-{i}@example.com" }, token);
                    if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest)
                    {
                        Interlocked.Increment(ref done);
                        return;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(50, token);
            }
        });

        while (Volatile.Read(ref done) < SignUps / 3)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await server.KillAsync();
        var deliveredAtKill = (await receiver.ReceivedAsync()).Count;
        await server.StartAsync();
        await burst;

        var eventIds = await SqliteEventIdsAsync(Path.Combine(folder, "godwit.db"));
        Assert.Equal(SignUps, eventIds.Count);
        var received = await receiver.WaitForAsync(r => r.Select(w => w.Id).ToHashSet().IsSupersetOf(eventIds), Patience, "every event");
        Assert.True(deliveredAtKill < SignUps, "every event was delivered before the kill: the kill proved nothing");
        Assert.All(received, w => Assert.Equal([true], w.Verified));
        Assert.All(received, w => Assert.Equal(w.Id, w.Body.GetProperty("data").GetProperty("event_id").GetString()));
        Assert.Equal(SignUps, received.Select(w => w.Id).Distinct().Count());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Two_servers_on_one_postgresql_deliver_each_event_exactly_once_between_them()
    {
        const int SignUps = 600;
        if (PostgresCluster.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        var connection = await (await PostgresCluster.Shared).CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("godwit-webhook-two-").FullName;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var first = new ServedGodwit(Path.Combine(folder, "a"), "postgres", connection);
        await using var second = new ServedGodwit(Path.Combine(folder, "b"), "postgres", connection);
        // One after the other: the first applies the migrations.
        await first.StartAsync();
        await second.StartAsync();
        var secret = await CreateEndpointAsync(first.Client, receiver);
        await receiver.ConfigureAsync([secret]);

        await Parallel.ForEachAsync(Enumerable.Range(0, SignUps), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            using var response = await (i % 2 == 0 ? first : second).Client.PostAsJsonAsync("v1/users", new { email = $"pair-{i}@example.com" }, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });

        var received = await receiver.WaitForAsync(r => r.Select(w => w.Id).Distinct().Count() >= SignUps, Patience, "every event");
        // A moment more, for a duplicate that would be on its way.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        received = await receiver.ReceivedAsync();
        Assert.Equal(SignUps, received.Count);
        Assert.Equal(SignUps, received.Select(w => w.Id).Distinct().Count());
        Assert.All(received, w => Assert.Equal([true], w.Verified));
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<string> CreateEndpointAsync(HttpClient client, WebhookReceiver receiver)
    {
        using var response = await client.PostAsJsonAsync("v1/webhooks", new { url = receiver.Url.ToString(), event_types = new[] { "user.created" } });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("webhook").GetProperty("secret").GetString()!;
    }

    private static async Task<HashSet<string>> SqliteEventIdsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqliteCommand("SELECT event_id FROM events WHERE type = 'user.created'", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
