using System.Diagnostics;
using System.Net;
using Godwit.Core.Users;
using Godwit.Import.Targets;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Godwit.Import.Tests.Running;

/// <summary>
/// The API targets against a server that pushes back: a real proxy in front of Godwit answers the
/// first request of every user with 429 and Retry-After, or 503, and lets the retry through.
/// </summary>
public sealed class ApiRetryTests : IAsyncLifetime
{
    // Longer than any backoff of the client's own, so only Retry-After explains the wait.
    private const int RetryAfterSeconds = 3;

    private GodwitHost host = null!;
    private WebApplication proxy = null!;
    private Uri proxyUrl = null!;
    private readonly HttpClient forward = new();
    private readonly Lock gate = new();
    private readonly HashSet<string> refusedOnce = [];
    private readonly List<(string Body, int Status, DateTime At)> answers = [];
    private int refusalStatus = StatusCodes.Status429TooManyRequests;

    public async ValueTask InitializeAsync()
    {
        host = await GodwitHost.StartAsync();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        proxy = builder.Build();
        proxy.Run(ForwardOrRefuseAsync);
        await proxy.StartAsync();
        proxyUrl = new Uri(proxy.Urls.Single());
    }

    public async ValueTask DisposeAsync()
    {
        await proxy.DisposeAsync();
        await host.DisposeAsync();
        forward.Dispose();
    }

    [Fact]
    public async Task The_stytch_target_waits_out_retry_after_and_creates_every_user_once()
    {
        using var http = ApiConnection.Create(proxyUrl, host.ProjectId, host.Secret, TimeSpan.FromSeconds(30));
        var users = NewUsers(4);
        var watch = Stopwatch.StartNew();

        var outcomes = await new StytchApiTarget(http, requestsPerSecond: 100, concurrency: 4).WriteAsync(users, upsert: false, TestContext.Current.CancellationToken);

        Assert.All(outcomes, outcome => Assert.IsType<BulkOutcome.Created>(outcome));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(RetryAfterSeconds), $"finished in {watch.Elapsed} without waiting out Retry-After");
        AssertEachUserRefusedThenRetried(users, StatusCodes.Status429TooManyRequests);
        await AssertStoredOnceAsync(users);
    }

    [Fact]
    public async Task The_godwit_target_retries_a_batch_refused_with_503_without_duplicating_it()
    {
        refusalStatus = StatusCodes.Status503ServiceUnavailable;
        using var http = ApiConnection.Create(proxyUrl, host.ProjectId, host.Secret, TimeSpan.FromSeconds(30));
        var users = NewUsers(5);

        var outcomes = await new GodwitApiTarget(http, GodwitApiTarget.NewTransitKeys()).WriteAsync(users, upsert: false, TestContext.Current.CancellationToken);

        Assert.All(outcomes, outcome => Assert.IsType<BulkOutcome.Created>(outcome));
        lock (gate)
        {
            Assert.Equal([StatusCodes.Status503ServiceUnavailable, StatusCodes.Status200OK], answers.Select(a => a.Status));
        }

        await AssertStoredOnceAsync(users);
    }

    /// <summary>Refuses the first request carrying each body; forwards every other one to Godwit.</summary>
    private async Task ForwardOrRefuseAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        bool refuse;
        lock (gate)
        {
            refuse = refusedOnce.Add(context.Request.Path + body);
        }

        if (refuse)
        {
            Record(body, refusalStatus);
            context.Response.StatusCode = refusalStatus;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("""{"status_code":429,"error_type":"too_many_requests","error_message":"Slow down."}""");
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(host.BaseUrl, context.Request.Path + context.Request.QueryString))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = System.Net.Http.Headers.AuthenticationHeaderValue.Parse(context.Request.Headers.Authorization!);
        using var answer = await forward.SendAsync(request, context.RequestAborted);
        Record(body, (int)answer.StatusCode);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(await answer.Content.ReadAsStringAsync(context.RequestAborted));
    }

    private void Record(string body, int status)
    {
        lock (gate)
        {
            answers.Add((body, status, DateTime.UtcNow));
        }
    }

    private void AssertEachUserRefusedThenRetried(List<User> users, int refusal)
    {
        lock (gate)
        {
            foreach (var user in users)
            {
                var email = user.Emails[0].Address;
                var seen = answers.Where(a => a.Body.Contains(email, StringComparison.Ordinal)).ToList();
                Assert.Equal(refusal, seen[0].Status);
                Assert.Equal(StatusCodes.Status200OK, seen[^1].Status);
                Assert.True(seen[^1].At - seen[0].At >= TimeSpan.FromSeconds(RetryAfterSeconds - 0.1), $"{email} was retried after {seen[^1].At - seen[0].At}");
            }
        }
    }

    private async Task AssertStoredOnceAsync(List<User> users)
    {
        foreach (var user in users)
        {
            var search = await host.Client.PostAsync("/v1/users/search", new { query = new { @operator = "AND", operands = new[] { new { filter_name = "email_address", filter_value = new[] { user.Emails[0].Address } } } } });
            Assert.Equal(HttpStatusCode.OK, search.Status);
            Assert.Equal(1, search.Body.GetProperty("results").GetArrayLength());
        }
    }

    private static List<User> NewUsers(int count)
    {
        var validation = new ImportValidation(new Core.Passwords.Hashing.PasswordHashLimits(), TimeProvider.System);
        var tag = Guid.NewGuid().ToString("N");
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            validation.Check(new ImportUser(i + 1, $"retry-{i}-{tag}", $"retry-{i}-{tag}@example.com", true, null, false), out var user);
            return user!;
        })];
    }
}
