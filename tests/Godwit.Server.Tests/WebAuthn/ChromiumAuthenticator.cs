using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Testing;

namespace Godwit.Server.Tests.WebAuthn;

/// <summary>What the browser did with a set of options: the credential JSON it posted, or the DOM error.</summary>
internal sealed record BrowserAnswer(bool Ok, string? Credential, string? Error);

/// <summary>
/// Debian's Chromium, headless, with a CDP virtual authenticator, driven by tests/browser/webauthn.mjs
/// (node and playwright-core). The page it serves on http://localhost runs navigator.credentials with
/// the options a test got from Godwit and posts the credential back; this class hands it over.
/// </summary>
internal sealed class ChromiumAuthenticator : IAsyncDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private readonly BrowserScript script;
    private int nextId;

    private ChromiumAuthenticator(BrowserScript script, int port, int otherPort)
    {
        this.script = script;
        Port = port;
        OtherPort = otherPort;
    }

    /// <summary>The page's port; Godwit is configured to allow http://localhost:Port and http://app.localhost:Port.</summary>
    public int Port { get; }

    /// <summary>A second server whose origin Godwit does not allow.</summary>
    public int OtherPort { get; }

    public string Origin => $"http://localhost:{Port}";

    /// <summary>Why the browser cannot run here, or null when it can.</summary>
    public static string? UnavailableReason() => Chromium.UnavailableReason();

    public static async Task<ChromiumAuthenticator> StartAsync()
    {
        var script = await BrowserScript.StartAsync("webauthn.mjs", StepTimeout);
        using var ports = JsonDocument.Parse(script.ReadyPayload);
        return new ChromiumAuthenticator(script, ports.RootElement.GetProperty("port").GetInt32(), ports.RootElement.GetProperty("otherPort").GetInt32());
    }

    /// <summary>navigator.credentials.create() with Godwit's creation options, on the page at <paramref name="origin"/>.</summary>
    public Task<BrowserAnswer> RegisterAsync(string creationOptions, string? origin = null, string? rpId = null) => AskAsync("register", creationOptions, origin, rpId);

    /// <summary>navigator.credentials.get() with Godwit's request options, on the page at <paramref name="origin"/>.</summary>
    public Task<BrowserAnswer> LoginAsync(string requestOptions, string? origin = null, string? rpId = null) => AskAsync("login", requestOptions, origin, rpId);

    /// <summary>Replaces the authenticator with a new, empty one, so a passkey login finds only this test's credentials.</summary>
    public async Task ResetAsync()
    {
        var answer = await AskAsync("reset", "", null, null);
        Assert.True(answer.Ok, answer.Error);
    }

    public ValueTask DisposeAsync() => script.DisposeAsync();

    private async Task<BrowserAnswer> AskAsync(string op, string options, string? origin, string? rpId)
    {
        var id = Interlocked.Increment(ref nextId);
        var ask = new JsonObject { ["id"] = id, ["op"] = op, ["url"] = (origin ?? Origin) + "/", ["options"] = options, ["rpId"] = rpId };
        await script.SendAsync(ask);
        var answer = await script.ReceiveAsync();
        Assert.Equal(id, answer["id"]!.GetValue<int>());
        return answer["ok"]!.GetValue<bool>()
            ? new BrowserAnswer(true, answer["credential"] is JsonValue credential && credential.TryGetValue<string>(out var json) ? json : null, null)
            : new BrowserAnswer(false, null, answer["error"]!.GetValue<string>());
    }
}
