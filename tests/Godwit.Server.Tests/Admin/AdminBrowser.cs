using System.Text.Json.Nodes;
using Godwit.Testing;

namespace Godwit.Server.Tests.Admin;

/// <summary>tests/browser/admin-console.mjs: one Chromium tab driven step by step.</summary>
internal sealed class AdminBrowser(BrowserScript script) : IAsyncDisposable
{
    public static async Task<AdminBrowser> StartAsync()
    {
        // A checkout whose browser packages predate the accessibility checks installs them again here.
        if (Chromium.UnavailableReason() is null)
        {
            await NodePackages.EnsureInstalledAsync(Chromium.ScriptsFolder, "@axe-core/playwright");
        }

        return new(await BrowserScript.StartAsync("admin-console.mjs", TimeSpan.FromSeconds(60)));
    }

    public Task<JsonObject> GotoAsync(Uri url) => AskAsync(new JsonObject { ["op"] = "goto", ["url"] = url.ToString() });

    public Task<JsonObject> FillAsync(string label, string value) => AskAsync(new JsonObject { ["op"] = "fill", ["label"] = label, ["value"] = value });

    public Task<JsonObject> PressAsync(string button) => AskAsync(new JsonObject { ["op"] = "press", ["button"] = button });

    public Task<JsonObject> FollowAsync(string link) => AskAsync(new JsonObject { ["op"] = "follow", ["link"] = link });

    /// <summary>Audits the current page: no serious or critical axe-core violation, no horizontal scroll at 390 px, and a screenshot.</summary>
    public async Task<JsonObject> CheckAsync(string screenshot)
    {
        var answer = await AskAsync(new JsonObject { ["op"] = "check", ["screenshot"] = screenshot });
        var violations = answer["violations"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.True(violations.Count == 0, $"{answer["page"]!["url"]}: {string.Join("\n", violations)}");
        var narrow = answer["narrow"]!;
        Assert.True(narrow["scrollWidth"]!.GetValue<int>() <= narrow["clientWidth"]!.GetValue<int>(), $"{answer["page"]!["url"]} scrolls sideways at 390 px: {narrow.ToJsonString()}");
        return answer;
    }

    private async Task<JsonObject> AskAsync(JsonObject message)
    {
        await script.SendAsync(message);
        var answer = await script.ReceiveAsync();
        Assert.True(answer["ok"]!.GetValue<bool>(), answer["error"]?.ToString());
        return answer;
    }

    public ValueTask DisposeAsync() => script.DisposeAsync();
}
