using System.Collections.Concurrent;
using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Godwit.Server.Tests.Import;

/// <summary>
/// The bulk import takes TOTP secrets in plaintext: neither its answer nor anything the server logs,
/// at the most verbose level, repeats one, whether the row is imported or refused.
/// </summary>
public sealed class BulkImportTotpSecrecyTests : IAsyncLifetime
{
    // Base32 letters but for the '1': refused, and still something an operator would not want in a log.
    private const string AlmostSecret = "KRSXG5DTMVRXE2LUPEQGC3DNN1ZXIIDTMVRXEZLU";

    private readonly LogCapture logs = new();

    private GodwitHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            // A rule for this provider alone outranks the server's own filters (Microsoft.AspNetCore at
            // Warning): it sees every line, request logging included, at the most verbose level.
            Settings = new Dictionary<string, string?> { [$"Logging:{typeof(LogCapture).FullName}:LogLevel:Default"] = "Trace" },
        });
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Neither_the_answer_nor_the_log_holds_an_imported_or_refused_secret()
    {
        var answer = await host.Client.PostAsync("/v1/users/import", new
        {
            users = new object[]
            {
                new { email = ApiCalls.UniqueEmail("secrecy"), totps = new[] { new { secret = BulkImportTotpContract.Secret, recovery_codes = new[] { "secret-recovery-code" } } } },
                new { email = ApiCalls.UniqueEmail("secrecy"), totps = new[] { new { secret = AlmostSecret } } },
            },
        });

        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal(["created", "failed"], answer.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        Assert.NotEmpty(logs.Entries);
        foreach (var secret in new[] { BulkImportTotpContract.Secret, AlmostSecret, "secret-recovery-code" })
        {
            Assert.DoesNotContain(secret, answer.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(logs.Entries, entry => entry.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

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
