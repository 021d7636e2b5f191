using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Testing;

namespace Godwit.Samples.Tests.Support;

/// <summary>What the browser saw on a page (see tests/browser/sample-login.mjs).</summary>
internal sealed record BrowserPage(
    string Url,
    int? Status,
    string? Heading,
    string Text,
    IReadOnlyList<string> Buttons,
    IReadOnlyList<string> Alerts,
    IReadOnlyList<string> Notices,
    IReadOnlyList<string> Invalid,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string Path => new Uri(Url).PathAndQuery;
}

/// <summary>
/// Debian's Chromium, headless, driven by tests/browser/sample-login.mjs (node and playwright-core):
/// a person signing in to the sample through its pages. The script pauses at the code form and this
/// class hands it the code the test read from its SMTP server.
/// </summary>
internal sealed class SampleBrowser : IAsyncDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly BrowserScript script;

    private SampleBrowser(BrowserScript script) => this.script = script;

    /// <summary>Why the browser cannot run here, or null when it can.</summary>
    public static string? UnavailableReason() => Chromium.UnavailableReason();

    /// <summary>Starts the browser, or skips the test where it cannot run.</summary>
    public static async Task<SampleBrowser> StartAsync() => new(await BrowserScript.StartAsync("sample-login.mjs", StepTimeout));

    /// <summary>
    /// Opens <paramref name="app"/>'s home page, signs in with <paramref name="email"/> and the code
    /// <paramref name="code"/> returns for it. Returns where the home page sent the anonymous visitor,
    /// and the page after the code was submitted.
    /// </summary>
    public async Task<(string LoginPath, BrowserPage Page)> SignInAsync(Uri app, string email, Func<string, Task<string>> code)
    {
        await SendAsync(new JsonObject { ["op"] = "sign-in", ["url"] = new Uri(app, "/").ToString(), ["email"] = email });
        var pause = await ReceiveAsync();
        Assert.True(pause["need"]?.GetValue<string>() == "code", $"expected the code form, got {pause.ToJsonString()}");
        await SendAsync(new JsonObject { ["code"] = await code(email) });
        var answer = await AnswerAsync();
        return (new Uri(answer["loginUrl"]!.GetValue<string>()).PathAndQuery, Page(answer));
    }

    /// <summary>Clicks the link of the current page named <paramref name="link"/>.</summary>
    public async Task<BrowserPage> FollowAsync(string link)
    {
        await SendAsync(new JsonObject { ["op"] = "follow", ["link"] = link });
        return Page(await AnswerAsync());
    }

    /// <summary>The Sign out link of the current page, then the button named <paramref name="button"/> of the page it opens.</summary>
    public async Task<BrowserPage> SignOutAsync(string button)
    {
        await SendAsync(new JsonObject { ["op"] = "sign-out", ["button"] = button });
        return Page(await AnswerAsync());
    }

    /// <summary>Goes to <paramref name="url"/> in the tab named <paramref name="tab"/> (opened on first use).</summary>
    public Task<BrowserPage> OpenAsync(Uri url, string tab = "main") => StepAsync(new JsonObject { ["op"] = "open", ["url"] = url.ToString() }, tab);

    /// <summary>Fills the email form of the current page and presses Continue.</summary>
    public Task<BrowserPage> SendEmailAsync(string email, string tab = "main") => StepAsync(new JsonObject { ["op"] = "send-email", ["email"] = email }, tab);

    /// <summary>Fills the code form of the current page and presses Sign in.</summary>
    public Task<BrowserPage> EnterCodeAsync(string code, string tab = "main") => StepAsync(new JsonObject { ["op"] = "enter-code", ["code"] = code }, tab);

    /// <summary>Presses the button of the current page named <paramref name="button"/>.</summary>
    public Task<BrowserPage> PressAsync(string button, string tab = "main") => StepAsync(new JsonObject { ["op"] = "press", ["button"] = button }, tab);

    private async Task<BrowserPage> StepAsync(JsonObject ask, string tab)
    {
        ask["tab"] = tab;
        await SendAsync(ask);
        return Page(await AnswerAsync());
    }

    public ValueTask DisposeAsync() => script.DisposeAsync();

    private static BrowserPage Page(JsonObject answer) => answer["page"].Deserialize<BrowserPage>(Json)!;

    private Task SendAsync(JsonObject message) => script.SendAsync(message);

    private Task<JsonObject> ReceiveAsync() => script.ReceiveAsync();

    private async Task<JsonObject> AnswerAsync()
    {
        var answer = await ReceiveAsync();
        Assert.True(answer["ok"]?.GetValue<bool>() == true, answer["error"]?.GetValue<string>() ?? answer.ToJsonString());
        return answer;
    }
}
