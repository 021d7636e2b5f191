using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Godwit.Testing;

/// <summary>
/// A Node.js script of tests/browser driving Debian's headless Chromium, spoken to one JSON object
/// per line over stdin/stdout. The script announces itself with a line starting <c>READY</c>.
/// </summary>
public sealed class BrowserScript : IAsyncDisposable
{
    private readonly Process node;
    private readonly Task<string> errors;
    private readonly string name;
    private readonly TimeSpan stepTimeout;

    private BrowserScript(Process node, Task<string> errors, string name, TimeSpan stepTimeout, string readyPayload)
    {
        this.node = node;
        this.errors = errors;
        this.name = name;
        this.stepTimeout = stepTimeout;
        ReadyPayload = readyPayload;
    }

    /// <summary>What the script said after <c>READY</c> (empty when nothing).</summary>
    public string ReadyPayload { get; }

    /// <summary>Starts <paramref name="script"/>, or skips the test where the browser cannot run.</summary>
    public static async Task<BrowserScript> StartAsync(string script, TimeSpan stepTimeout)
    {
        if (Chromium.UnavailableReason() is { } reason)
        {
            MissingTool.Skip(reason);
        }

        await Chromium.EnsureScriptsInstalledAsync();
        var node = Process.Start(new ProcessStartInfo("node", script)
        {
            WorkingDirectory = Chromium.ScriptsFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CHROMIUM"] = Chromium.ExecutablePath },
        })!;
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(stepTimeout);
        var ready = await node.StandardOutput.ReadLineAsync(timeout.Token);
        if (ready is null || !ready.StartsWith("READY", StringComparison.Ordinal))
        {
            node.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not start: {ready}\n{await errors}");
        }

        return new BrowserScript(node, errors, script, stepTimeout, ready["READY".Length..].Trim());
    }

    public async Task SendAsync(JsonObject message)
    {
        await node.StandardInput.WriteLineAsync(message.ToJsonString());
        await node.StandardInput.FlushAsync();
    }

    public async Task<JsonObject> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(stepTimeout);
        var line = await node.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"{name} stopped: {await errors}");
        return JsonNode.Parse(line)!.AsObject();
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
}
