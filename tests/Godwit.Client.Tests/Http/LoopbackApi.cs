using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Godwit.Client.Tests.Http;

/// <summary>
/// A tiny real HTTP server on a loopback port that answers each request by its number, so tests
/// can script a 429 followed by a 200 and see when each attempt arrived.
/// </summary>
internal sealed class LoopbackApi : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> arrivals = [];
    private readonly Stopwatch since = Stopwatch.StartNew();
    private WebApplication? app;

    private LoopbackApi()
    {
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>When each request arrived, measured from the server's start.</summary>
    public IReadOnlyList<TimeSpan> Arrivals
    {
        get
        {
            lock (gate)
            {
                return [.. arrivals];
            }
        }
    }

    /// <param name="answer">Answers request number n (from 1).</param>
    public static async Task<LoopbackApi> StartAsync(Func<HttpContext, int, Task> answer)
    {
        var api = new LoopbackApi();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(context =>
        {
            int number;
            lock (api.gate)
            {
                api.arrivals.Add(api.since.Elapsed);
                number = api.arrivals.Count;
            }

            return answer(context, number);
        });
        await app.StartAsync();
        api.app = app;
        api.Url = new Uri(app.Urls.Single() + "/");
        return api;
    }

    public static Task Json(HttpContext context, int status, string json, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return context.Response.WriteAsync(json);
    }

    public static Task Error(HttpContext context, int status, string errorType, string? retryAfter = null) => Json(
        context,
        status,
        $$"""{"status_code":{{status}},"request_id":"request-id-test-1","error_type":"{{errorType}}","error_message":"scripted","error_url":"https://stytch.com/docs/api/errors/{{status}}"}""",
        retryAfter);

    /// <summary>A Get User answer with just enough of the user.</summary>
    public static Task User(HttpContext context) => Json(
        context,
        200,
        """{"status_code":200,"request_id":"request-id-test-2","user_id":"user-test-1","emails":[],"status":"active","phone_numbers":[],"name":{"first_name":"","middle_name":"","last_name":""}}""");

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
