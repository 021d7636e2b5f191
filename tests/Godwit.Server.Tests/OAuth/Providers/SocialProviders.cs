using System.Collections.Concurrent;
using System.Security.Cryptography;
using Godwit.Server.OAuth;
using Godwit.Server.OAuth.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.Tests.OAuth.Providers;

/// <summary>
/// The providers as Godwit registers them (<c>AddGodwitSocialOAuthProviders</c>), from settings,
/// with every log line kept so that tests can show no secret reaches one.
/// </summary>
internal sealed class SocialProviders : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly LogCapture logs = new();

    public SocialProviders(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        collection.AddGodwitSocialOAuthProviders(configuration);
        services = collection.BuildServiceProvider();
    }

    public IReadOnlyCollection<string> LogLines => logs.Entries;

    /// <summary>What a host does at start: runs every options check (ValidateOnStart).</summary>
    public void ValidateAtStartup() => services.GetRequiredService<IStartupValidator>().Validate();

    public IOAuthProvider Get(string segment) => services.GetServices<IOAuthProvider>().Single(p => p.PathSegment == segment);

    public IReadOnlyList<IOAuthProvider> All => [.. services.GetServices<IOAuthProvider>()];

    public ValueTask DisposeAsync() => services.DisposeAsync();

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, ProviderStandIn.Challenge(verifier));
    }

    public static OAuthAuthorizationRequest AuthorizationRequest(string callbackUrl, string challenge, IReadOnlyDictionary<string, string>? providerParameters = null) =>
        new(callbackUrl, "state-" + Guid.NewGuid().ToString("N"), "nonce-" + Guid.NewGuid().ToString("N"), challenge, ["custom:scope"], providerParameters ?? new Dictionary<string, string>());

    public static OAuthCallback Callback(string code, string callbackUrl, string verifier, string nonce = "", IReadOnlyDictionary<string, string>? fields = null) =>
        new(code, callbackUrl, nonce, verifier, fields ?? new Dictionary<string, string>());

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
