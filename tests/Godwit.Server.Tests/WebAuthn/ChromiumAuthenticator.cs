using System.Diagnostics;
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
    private readonly Process node;
    private readonly Task<string> errors;
    private int nextId;

    private ChromiumAuthenticator(Process node, Task<string> errors, int port, int otherPort)
    {
        this.node = node;
        this.errors = errors;
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
        var folder = Chromium.ScriptsFolder;
        await Chromium.EnsureScriptsInstalledAsync();
        var start = new ProcessStartInfo("node", "webauthn.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CHROMIUM"] = Chromium.ExecutablePath },
        };
        var node = Process.Start(start)!;
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        var ready = await node.StandardOutput.ReadLineAsync(timeout.Token);
        if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            node.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"webauthn.mjs did not start: {ready}\n{await errors}");
        }

        using var ports = JsonDocument.Parse(ready["READY ".Length..]);
        return new ChromiumAuthenticator(node, errors, ports.RootElement.GetProperty("port").GetInt32(), ports.RootElement.GetProperty("otherPort").GetInt32());
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

    public async ValueTask DisposeAsync()
    {
        node.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
        }

        await errors;
        node.Dispose();
    }

    private async Task<BrowserAnswer> AskAsync(string op, string options, string? origin, string? rpId)
    {
        var id = Interlocked.Increment(ref nextId);
        var ask = new JsonObject { ["id"] = id, ["op"] = op, ["url"] = (origin ?? Origin) + "/", ["options"] = options, ["rpId"] = rpId };
        await node.StandardInput.WriteLineAsync(ask.ToJsonString());
        await node.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        var line = await node.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"webauthn.mjs stopped: {await errors}");
        using var answer = JsonDocument.Parse(line);
        var root = answer.RootElement;
        Assert.Equal(id, root.GetProperty("id").GetInt32());
        return root.GetProperty("ok").GetBoolean()
            ? new BrowserAnswer(true, root.GetProperty("credential").ValueKind == JsonValueKind.String ? root.GetProperty("credential").GetString() : null, null)
            : new BrowserAnswer(false, null, root.GetProperty("error").GetString());
    }

}
