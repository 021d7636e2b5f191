using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// A legacy password hook that is down, slow or failing: the login fails fast with
/// <c>legacy_password_hook_unavailable</c>, nothing is created, the circuit opens, and the log tells
/// what happened without the password. Each test has its own Godwit, since a circuit's state is per process.
/// </summary>
public sealed class LegacyHookResilienceTests : IAsyncLifetime
{
    private const string Password = "legacy correct horse battery staple 1998";

    private readonly LogCapture logs = new();
    private LegacySystem legacy = null!;
    private GodwitHost? host;

    public async ValueTask InitializeAsync() => legacy = await LegacySystem.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await legacy.DisposeAsync();
    }

    [Fact]
    public async Task A_hook_nobody_listens_on_fails_the_login_and_creates_nothing()
    {
        var godwit = await StartAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/hooks/password"));
        var email = ApiCalls.UniqueEmail();

        var login = await Authenticate(godwit, email);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_password_hook_unavailable"), (login.Status, login.ErrorType));
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(godwit, email));
    }

    [Fact]
    public async Task A_hook_slower_than_the_timeout_fails_the_login_at_the_timeout_and_creates_nothing()
    {
        var godwit = await StartAsync(legacy.PasswordHookUrl, ("Godwit:Migration:Timeout", "00:00:00.5"));
        var email = ApiCalls.UniqueEmail();
        legacy.AddAccount(email, Password);
        legacy.PasswordHookOverride = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await LegacySystem.JsonAsync(context, 200, """{"match": true}""");
        };

        var watch = Stopwatch.StartNew();
        var login = await Authenticate(godwit, email);
        watch.Stop();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_password_hook_unavailable"), (login.Status, login.ErrorType));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(godwit, email));
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_logins_stop_reaching_the_hook()
    {
        var godwit = await StartAsync(
            legacy.PasswordHookUrl,
            ("Godwit:Migration:CircuitBreaker:MinimumThroughput", "3"),
            ("Godwit:Migration:CircuitBreaker:FailureRatio", "0.5"),
            ("Godwit:Migration:CircuitBreaker:BreakDuration", "00:05:00"));
        legacy.PasswordHookOverride = context => LegacySystem.JsonAsync(context, 503, """{"error": "maintenance"}""");

        var answers = new List<ApiAnswer>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            answers.Add(await Authenticate(godwit, ApiCalls.UniqueEmail()));
        }

        Assert.All(answers, login => Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_password_hook_unavailable"), (login.Status, login.ErrorType)));
        Assert.Equal(3, legacy.PasswordHookCallsTotal);
        Assert.Contains(logs.Entries, entry => entry.Contains("circuit open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_log_records_every_hook_call_without_the_password_the_email_or_the_secret()
    {
        var godwit = await StartAsync(legacy.PasswordHookUrl);
        var matched = ApiCalls.UniqueEmail();
        var unknown = ApiCalls.UniqueEmail();
        var failing = ApiCalls.UniqueEmail();
        legacy.AddAccount(matched, Password);
        legacy.AnswerPasswordHook(failing, context => LegacySystem.JsonAsync(context, 200, "not json"));

        var match = await Authenticate(godwit, matched);
        var noMatch = await godwit.Client.PostAsync("/v1/passwords/authenticate", new { email = unknown, password = "another secret pw" });
        var failed = await Authenticate(godwit, failing);

        Assert.Equal(HttpStatusCode.OK, match.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, noMatch.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        var hookLines = logs.Entries.Where(e => e.Contains("Legacy password hook", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, hookLines.Count);
        Assert.Contains(hookLines, line => line.Contains("match in", StringComparison.Ordinal));
        Assert.Contains(hookLines, line => line.Contains("no match in", StringComparison.Ordinal));
        Assert.Contains(hookLines, line => line.Contains("not JSON", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, line => line.Contains(match.Text("user_id"), StringComparison.Ordinal));
        foreach (var secret in new[] { Password, "another secret pw", LegacySystem.PasswordHookSecret, matched, unknown, failing })
        {
            Assert.DoesNotContain(logs.Entries, entry => entry.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task While_both_systems_run_the_log_tells_followed_refused_and_fallen_back_logins_without_any_password()
    {
        var until = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var godwit = await StartAsync(legacy.PasswordHookUrl, ("Godwit:Migration:LegacyAuthoritativeUntil", until));
        const string Changed = "changed in the legacy app, staple battery 2026";
        var email = ApiCalls.UniqueEmail();
        legacy.AddAccount(email, Password);
        var first = await Authenticate(godwit, email);
        legacy.AddAccount(email, Changed);

        var old = await Authenticate(godwit, email);
        var followed = await godwit.Client.PostAsync("/v1/passwords/authenticate", new { email, password = Changed });
        legacy.AnswerPasswordHook(email, context => LegacySystem.JsonAsync(context, 503, "{}"));
        var fellBack = await godwit.Client.PostAsync("/v1/passwords/authenticate", new { email, password = Changed });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.Equal(HttpStatusCode.OK, followed.Status);
        Assert.Equal(HttpStatusCode.OK, fellBack.Status);
        var userId = first.Text("user_id");
        Assert.Contains(logs.Entries, line => line.Contains("an old password", StringComparison.Ordinal) && line.Contains(userId, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, line => line.Contains("Godwit's copy follows it", StringComparison.Ordinal) && line.Contains(userId, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, line => line.Contains("checked against Godwit's copy", StringComparison.Ordinal) && line.Contains(userId, StringComparison.Ordinal));
        foreach (var secret in new[] { Password, Changed, LegacySystem.PasswordHookSecret, email })
        {
            Assert.DoesNotContain(logs.Entries, entry => entry.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private async Task<GodwitHost> StartAsync(Uri hook, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Godwit:Migration:LegacyPasswordHook"] = hook.ToString(),
            ["Godwit:Migration:LegacyPasswordHookSecret"] = LegacySystem.PasswordHookSecret,
            ["Logging:LogLevel:Godwit"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        host = await GodwitHost.StartAsync(new GodwitHostOptions { Settings = all });
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        return host;
    }

    private static Task<ApiAnswer> Authenticate(GodwitHost godwit, string email) =>
        godwit.Client.PostAsync("/v1/passwords/authenticate", new { email, password = Password });

    /// <summary>Every log line the server writes, rendered as a log sink would write it.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> entries = new();

        public IReadOnlyCollection<string> Entries => entries.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
