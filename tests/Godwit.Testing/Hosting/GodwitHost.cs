using System.Net.Http.Headers;
using System.Text;
using Godwit.Core.Security;
using Godwit.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Godwit.Testing.Hosting;

/// <summary>What kind of Godwit a test wants.</summary>
public sealed record GodwitHostOptions
{
    /// <summary>A PostgreSQL connection string, or null for a fresh SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Replaces the system clock, so tests can step over expiry edges.</summary>
    public TimeProvider? Clock { get; init; }

    public string Environment { get; init; } = "Production";

    /// <summary>Godwit:RedirectUrls; by default <see cref="TestRedirectUrls"/>.</summary>
    public IReadOnlyList<string> RedirectUrls { get; init; } = TestRedirectUrls;

    /// <summary>
    /// Every URL the test suites (C#, tests/sdk and the migration login flow) point magic links and
    /// password resets to, as an operator would register them. Queries may vary; paths may not.
    /// </summary>
    public static IReadOnlyList<string> TestRedirectUrls { get; } =
    [
        "https://app.godwit.test/authenticate",
        "https://app.example/signup",
        "https://app.example/invite",
        "https://app.example/reset",
        "https://app.example/cb",
        "https://app.example/login/magic-link",
        "https://app.example.com/login",
        "https://app.example.com/signup",
        "https://app.example.com/reset",
        "http://localhost:3000/login",
    ];

    /// <summary>
    /// The loopback port to serve on, or null for a free one. A server restarted on the same port
    /// keeps its public URL, the issuer of the JWTs it signed before.
    /// </summary>
    public int? Port { get; init; }

    /// <summary>Further configuration, as key/value pairs such as <c>Godwit:Otps:MaxAttempts</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// A real Godwit server on a loopback port, with a real SMTP server and a real SMS webhook
/// receiving what it sends, and clients that talk to it over HTTP.
/// </summary>
public sealed class GodwitHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private int disposed;

    private GodwitHost(WebApplication app, Uri baseUrl, string projectId, string secret, string encryptionKeys, SmtpSink smtp, WebhookSink sms, string dataFolder)
    {
        this.app = app;
        BaseUrl = baseUrl;
        ProjectId = projectId;
        Secret = secret;
        EncryptionKeys = encryptionKeys;
        Smtp = smtp;
        Sms = sms;
        DataFolder = dataFolder;
        Client = new HttpClient { BaseAddress = baseUrl };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{projectId}:{secret}")));
        Anonymous = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public string ProjectId { get; }

    public string Secret { get; }

    /// <summary>
    /// The <c>Godwit:EncryptionKeys</c> value the server runs with (a new key per host unless the
    /// settings give one), for a second server or a command on the same database.
    /// </summary>
    public string EncryptionKeys { get; }

    public SmtpSink Smtp { get; }

    public WebhookSink Sms { get; }

    public string DataFolder { get; }

    /// <summary>Sends the project's Basic credentials with every request.</summary>
    public HttpClient Client { get; }

    /// <summary>Sends no credentials.</summary>
    public HttpClient Anonymous { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<GodwitHost> StartAsync(GodwitHostOptions? options = null)
    {
        options ??= new GodwitHostOptions();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(options);
            }
            catch (IOException exception) when (options.Port is null && attempt < 3 && exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Another test bound the free port between its choice and this server's bind: choose again.
            }
        }
    }

    private static async Task<GodwitHost> StartOnceAsync(GodwitHostOptions options)
    {
        var smtp = await SmtpSink.StartAsync();
        var sms = await WebhookSink.StartAsync();
        var dataFolder = Directory.CreateTempSubdirectory("godwit-test-").FullName;
        var port = options.Port ?? FreePort.Next();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var projectId = "project-live-" + Guid.NewGuid().ToString("D");
        var secret = "secret-live-" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["Godwit:ProjectId"] = projectId,
            ["Godwit:Secret"] = secret,
            ["Godwit:EncryptionKeys"] = EncryptionKey.NewSetting(DateTimeOffset.UtcNow),
            ["Godwit:PublicUrl"] = baseUrl.ToString().TrimEnd('/'),
            ["Godwit:DataFolder"] = dataFolder,
            ["Godwit:Email:Smtp:Host"] = smtp.Host,
            ["Godwit:Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Godwit:Email:From"] = "Godwit Tests <login@godwit.test>",
            ["Godwit:Sms:WebhookUrl"] = sms.Url.ToString(),
            ["Godwit:MagicLinks:DefaultLoginUrl"] = "https://app.godwit.test/authenticate",
        };
        for (var i = 0; i < options.RedirectUrls.Count; i++)
        {
            settings[$"Godwit:RedirectUrls:{i}"] = options.RedirectUrls[i];
        }

        if (options.PostgresConnectionString is { } postgres)
        {
            settings["Godwit:Database:Provider"] = "postgres";
            settings["Godwit:Database:ConnectionString"] = postgres;
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var app = GodwitApp.Build([], builder =>
        {
            builder.Environment.EnvironmentName = options.Environment;
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls(baseUrl.ToString());
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (options.Clock is not null)
            {
                builder.Services.AddSingleton(options.Clock);
            }
        });
        try
        {
            await GodwitApp.PrepareAsync(app);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await smtp.DisposeAsync();
            await sms.DisposeAsync();
            throw;
        }

        // Settings may override the generated credentials; the clients use what the server resolved.
        var project = app.Services.GetRequiredService<Godwit.Server.Hosting.ResolvedProject>();
        return new GodwitHost(app, new Uri(project.Issuer), project.ProjectId, project.Secret, settings["Godwit:EncryptionKeys"] ?? "", smtp, sms, dataFolder);
    }

    public async ValueTask DisposeAsync()
    {
        // A test that stops the server midway disposes it once more at its end.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Client.Dispose();
        Anonymous.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await Smtp.DisposeAsync();
        await Sms.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}
