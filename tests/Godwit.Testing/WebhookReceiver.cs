using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Godwit.Testing;

/// <summary>
/// tests/webhooks/receiver.mjs, a real HTTP receiver that verifies every delivery with the
/// <c>standardwebhooks</c> npm package, independently of Godwit's signing code. Skips the test (fails
/// it under CI) where Node.js is missing.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Process node;

    private WebhookReceiver(Process node, Uri url)
    {
        this.node = node;
        Url = url;
    }

    /// <summary>Where deliveries go: <c>http://127.0.0.1:port/hooks</c>.</summary>
    public Uri Url { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        if (NodePackages.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        var folder = Path.Combine(NodePackages.RepositoryRoot(), "tests", "webhooks");
        await NodePackages.EnsureInstalledAsync(folder, "standardwebhooks");
        var node = Process.Start(new ProcessStartInfo("node", "receiver.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var port = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("receiver.mjs printed no port: " + await node.StandardError.ReadToEndAsync());
        return new WebhookReceiver(node, new Uri($"http://127.0.0.1:{port.Trim()}/hooks"));
    }

    /// <summary>The secrets each delivery is verified with, one by one; the first <paramref name="failFirst"/> deliveries then answer 500, the rest <paramref name="status"/>.</summary>
    public async Task ConfigureAsync(IReadOnlyList<string> secrets, int failFirst = 0, int status = 200)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(Url, "/_control"), new { secrets, fail_first = failFirst, status });
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> ReceivedAsync()
    {
        var json = await Http.GetStringAsync(new Uri(Url, "/_received"));
        return JsonDocument.Parse(json).RootElement.EnumerateArray().Select(r => new ReceivedWebhook(
            r.GetProperty("id").GetString()!,
            long.Parse(r.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            r.GetProperty("signatures").GetInt32(),
            r.GetProperty("verified").EnumerateArray().Select(v => v.GetBoolean()).ToList(),
            r.GetProperty("body").Clone())).ToList();
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan timeout, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var received = await ReceivedAsync();
            if (done(received))
            {
                return received;
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"After {timeout}: {what}; received {received.Count} deliveries.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!node.HasExited)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        node.Dispose();
    }
}

/// <summary>One delivery as the receiver saw it: <see cref="Verified"/> holds one verdict per configured secret.</summary>
public sealed record ReceivedWebhook(string Id, long Timestamp, int Signatures, IReadOnlyList<bool> Verified, JsonElement Body)
{
    public string Type => Body.GetProperty("type").GetString()!;

    public string? UserId => Body.GetProperty("data").GetProperty("user_id").GetString();

    public JsonElement Payload => Body.GetProperty("data").GetProperty("payload");
}
