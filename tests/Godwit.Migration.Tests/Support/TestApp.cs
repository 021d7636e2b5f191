using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Godwit.Migration.AspNetCore.Authentication;
using Godwit.Migration.AspNetCore.Login;
using Godwit.Testing.Hosting;
using Godwit.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Godwit.Migration.Tests.Support;

/// <summary>
/// A real application on a loopback port, written the way the migration guide tells applications to:
/// its own users in its own database, AddGodwitClient, AddGodwitMigration(...).AddLogin() and
/// MapGodwitLogin(). <c>/me</c> needs its cookie; <c>/api/me</c> needs a Godwit session JWT.
/// </summary>
public sealed partial class TestApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestApp(WebApplication app, AppDatabase database, RequestLog godwitCalls)
    {
        this.app = app;
        Database = database;
        GodwitCalls = godwitCalls;
        Url = new Uri(app.Urls.Single());
    }

    public Uri Url { get; }

    public AppDatabase Database { get; }

    /// <summary>Every request the application made to Godwit.</summary>
    public RequestLog GodwitCalls { get; }

    public static Task<TestApp> StartAsync(
        GodwitHost godwit, Action<GodwitLoginOptions>? login = null, TimeProvider? clock = null, Action<GodwitAuthenticationOptions>? configureJwt = null) =>
        StartAsync(godwit.BaseUrl, godwit.ProjectId, godwit.Secret, login, clock, configureJwt);

    /// <summary>The application against whatever answers at <paramref name="godwitUrl"/>.</summary>
    public static async Task<TestApp> StartAsync(
        Uri godwitUrl, string projectId, string secret, Action<GodwitLoginOptions>? login = null, TimeProvider? clock = null, Action<GodwitAuthenticationOptions>? configureJwt = null)
    {
        var database = await AppDatabase.SqliteAsync();
        var calls = new RequestLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddDbContext<AppDb>(database.Configure);
        builder.Services.AddGodwitClient(options =>
        {
            options.BaseUrl = godwitUrl;
            options.ProjectId = projectId;
            options.Secret = secret;
        }).AddHttpMessageHandler(calls.Handler);
        builder.Services.AddGodwitMigration<AppUser>()
            .UseEntityFrameworkCore<AppUser, AppDb>(AppDatabase.Map)
            .AddLogin(login);
        if (configureJwt is not null)
        {
            builder.Services.Configure(GodwitAuthenticationDefaults.AuthenticationScheme, configureJwt);
        }

        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGodwitLogin();
        app.MapGet("/me", (ClaimsPrincipal user) => $"{user.FindFirstValue(ClaimTypes.NameIdentifier)} {user.FindFirstValue(GodwitClaimTypes.UserId)}")
            .RequireAuthorization();
        app.MapGet("/api/me", (ClaimsPrincipal user) => user.FindFirstValue(GodwitClaimTypes.UserId))
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(GodwitAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        await app.StartAsync();
        return new TestApp(app, database, calls);
    }

    /// <summary>A browser: keeps cookies, does not follow redirects, so tests see each one.</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Url };

    /// <summary>The antiforgery token of the page's form.</summary>
    public static string FormToken(string html) => TokenField().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException($"no antiforgery field in: {html}");

    /// <summary>A hidden field's value.</summary>
    public static string Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"no hidden field {name} in: {html}");

    public static async Task<(HttpResponseMessage Response, string Html)> PostFormAsync(HttpClient browser, string path, IReadOnlyDictionary<string, string> fields)
    {
        using var form = new FormUrlEncodedContent(fields);
        var response = await browser.PostAsync(new Uri(path, UriKind.Relative), form);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
