using System.Collections.Concurrent;
using Godwit.Client;
using Godwit.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Tests.Support;

/// <summary>Every request a client sent, as "METHOD /path", in order.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<string> requests = new();

    public IReadOnlyList<string> Requests => [.. requests];

    public int Count(string methodAndPathStart) => requests.Count(r => r.StartsWith(methodAndPathStart, StringComparison.Ordinal));

    internal void Add(HttpRequestMessage request) => requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");

    /// <summary>A new handler each time: the factory builds a fresh chain whenever its handlers expire.</summary>
    internal DelegatingHandler Handler() => new Recorder(this);

    private sealed class Recorder(RequestLog log) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            log.Add(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A <see cref="GodwitClient"/> from dependency injection, as an application gets one.</summary>
public sealed class TestClient : IDisposable
{
    private readonly ServiceProvider services;

    private TestClient(ServiceProvider services, RequestLog log)
    {
        this.services = services;
        Log = log;
    }

    public GodwitClient Client => services.GetRequiredService<GodwitClient>();

    public RequestLog Log { get; }

    public static TestClient For(GodwitHost host, Action<GodwitClientOptions>? configure = null, TimeProvider? clock = null) =>
        For(host.BaseUrl, host.ProjectId, host.Secret, configure, clock);

    public static TestClient For(Uri baseUrl, string projectId, string secret, Action<GodwitClientOptions>? configure = null, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        var log = new RequestLog();
        services.AddGodwitClient(options =>
        {
            options.BaseUrl = baseUrl;
            options.ProjectId = projectId;
            options.Secret = secret;
            configure?.Invoke(options);
        }).AddHttpMessageHandler(log.Handler);
        return new TestClient(services.BuildServiceProvider(), log);
    }

    public void Dispose() => services.Dispose();
}
