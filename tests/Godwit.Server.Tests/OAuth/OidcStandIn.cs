using System.Text.Json.Nodes;
using Godwit.Testing;

namespace Godwit.Server.Tests.OAuth;

/// <summary>Where a browser walk through the OAuth flow ended, and the Godwit callback it passed on the way.</summary>
internal sealed record BrowserLanding(Uri Url, Uri? Callback)
{
    public string? Query(string name) => System.Web.HttpUtility.ParseQueryString(Url.Query)[name];
}

/// <summary>
/// tests/browser/oauth.mjs: a real OpenID provider (the npm package oidc-provider) on loopback,
/// standing in for Google and for a generic provider named <c>acme</c>; an application page; and
/// headless Chromium walking a person from the page through Godwit's start, the provider's login
/// and consent pages and Godwit's callback, back to the application.
/// </summary>
internal sealed class OidcStandIn : IAsyncDisposable
{
    private readonly BrowserScript script;

    private OidcStandIn(BrowserScript script, string issuer, string appOrigin)
    {
        this.script = script;
        Issuer = issuer;
        AppOrigin = appOrigin;
    }

    public string Issuer { get; }

    /// <summary>The application's origin; its redirect URLs are <c>/login</c> and <c>/signup</c>.</summary>
    public string AppOrigin { get; }

    public string DiscoveryUrl => Issuer + "/.well-known/openid-configuration";

    /// <summary>Starts the provider with clients whose redirect URIs are Godwit's callbacks at <paramref name="godwitBaseUrl"/>.</summary>
    public static async Task<OidcStandIn> StartAsync(string godwitBaseUrl)
    {
        if (Chromium.UnavailableReason() is null)
        {
            await NodePackages.EnsureInstalledAsync(Chromium.ScriptsFolder, "oidc-provider");
        }

        var script = await BrowserScript.StartAsync("oauth.mjs", TimeSpan.FromSeconds(90));
        await script.SendAsync(new JsonObject { ["op"] = "start", ["godwit"] = godwitBaseUrl });
        var started = await script.ReceiveAsync();
        Assert.True(started["ok"]!.GetValue<bool>(), started["error"]?.ToString());
        return new OidcStandIn(script, started["issuer"]!.GetValue<string>(), started["appOrigin"]!.GetValue<string>());
    }

    /// <summary>
    /// Walks the browser from the application's page through <paramref name="startUrl"/>, logging in
    /// at the provider as <paramref name="login"/> (see oauth.mjs for the accounts), and consenting
    /// unless <paramref name="deny"/>.
    /// </summary>
    public async Task<BrowserLanding> LoginAsync(string startUrl, string login, bool deny = false)
    {
        await script.SendAsync(new JsonObject { ["op"] = "login", ["url"] = startUrl, ["login"] = login, ["deny"] = deny });
        var answer = await script.ReceiveAsync();
        Assert.True(answer["ok"]!.GetValue<bool>(), answer["error"]?.ToString());
        var callback = answer["callback"]?.GetValue<string>();
        return new BrowserLanding(new Uri(answer["url"]!.GetValue<string>()), callback is null ? null : new Uri(callback));
    }

    public ValueTask DisposeAsync() => script.DisposeAsync();
}
