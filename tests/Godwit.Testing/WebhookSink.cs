using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Godwit.Testing;

/// <summary>
/// A real HTTP endpoint on a loopback port that records every request and answers with
/// <see cref="ResponseStatus"/>, standing in for an operator's SMS gateway or any other webhook.
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<ReceivedRequest> requests = [];
    private WebApplication? app;
    private volatile int responseStatus = StatusCodes.Status200OK;

    private WebhookSink()
    {
    }

    /// <summary>The URL to give the code under test; any path on the same host is recorded too.</summary>
    public Uri Url { get; private set; } = null!;

    public HttpStatusCode ResponseStatus
    {
        get => (HttpStatusCode)responseStatus;
        set => responseStatus = (int)value;
    }

    /// <summary>Every request so far, in arrival order. A request is recorded before it is answered.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<WebhookSink> StartAsync()
    {
        var sink = new WebhookSink();
        // Empty: no appsettings.json or ASPNETCORE_ variables from the test's folder and environment
        // can move the endpoint, and no logging providers add noise to the test output.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        // Port 0: Kestrel owns the port from the moment it is chosen, so parallel tests never race.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(sink.RecordAsync);
        await app.StartAsync();

        // After start, Urls holds the address Kestrel actually bound, with the real port.
        var address = app.Urls.Single();
        sink.app = app;
        sink.Url = new Uri(new Uri(address), "/webhook");
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new ReceivedRequest(context.Request.Method, context.Request.Path, context.Request.ContentType, body);
        lock (gate)
        {
            requests.Add(request);
        }

        context.Response.StatusCode = responseStatus;
    }
}

/// <summary>One request as the <see cref="WebhookSink"/> received it.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? ContentType, string Body);
