using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// A legacy host that moved, or was taken over: a real HTTP server on a loopback port that answers
/// every request with a redirect to the same path and query on <see cref="Target"/>.
/// </summary>
internal sealed class RedirectingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private RedirectingServer(WebApplication app, Uri target)
    {
        this.app = app;
        Target = target;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri Target { get; }

    /// <summary>The redirect status answered: 307 by default, which keeps a POST and its body.</summary>
    public int Status { get; set; } = StatusCodes.Status307TemporaryRedirect;

    public int Requests => requests;

    public static async Task<RedirectingServer> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RedirectingServer(app, target);
        app.Run(server.Redirect);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>The same path and query as <paramref name="url"/>, here instead of on the target.</summary>
    public Uri Here(Uri url) => new(BaseUrl, url.PathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private Task Redirect(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        context.Response.StatusCode = Status;
        context.Response.Headers.Location = new Uri(Target, context.Request.Path + context.Request.QueryString).ToString();
        return Task.CompletedTask;
    }
}
