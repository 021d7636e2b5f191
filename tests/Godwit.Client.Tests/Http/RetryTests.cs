using Godwit.Contracts.Otps;
using Microsoft.AspNetCore.Http;
using Godwit.Tests.Support;

namespace Godwit.Client.Tests.Http;

/// <summary>Which failures the client retries, against a real server that scripts its answers.</summary>
public sealed class RetryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_429_is_retried_once_its_Retry_After_has_passed()
    {
        await using var api = await LoopbackApi.StartAsync((context, n) =>
            n == 1 ? LoopbackApi.Error(context, 429, "too_many_requests", retryAfter: "1") : LoopbackApi.User(context));
        using var test = TestClient.For(api.Url, "project-test-1", "secret");

        var user = await test.Client.Users.GetAsync("user-test-1", Cancel);

        Assert.Equal("user-test-1", user.UserId);
        Assert.Equal(2, api.Arrivals.Count);
        // The arrivals are stamped by the server as the requests come in, a millisecond or so after the
        // client's timer fired: allow for that, and nothing near an immediate retry.
        Assert.True(api.Arrivals[1] - api.Arrivals[0] >= TimeSpan.FromMilliseconds(980), $"retried after {api.Arrivals[1] - api.Arrivals[0]}");
    }

    [Fact]
    public async Task A_429_is_retried_even_for_a_send_because_the_server_did_not_run_it()
    {
        await using var api = await LoopbackApi.StartAsync((context, n) => n == 1
            ? LoopbackApi.Error(context, 429, "too_many_requests", retryAfter: "0")
            : LoopbackApi.Json(context, 200, """{"status_code":200,"request_id":"r","user_id":"user-test-1","email_id":"email-test-1","user_created":false}"""));
        using var test = TestClient.For(api.Url, "project-test-1", "secret");

        var sent = await test.Client.Otps.Email.LoginOrCreateAsync(new EmailOtpLoginOrCreateRequest { Email = "a@example.com" }, Cancel);

        Assert.Equal("email-test-1", sent.EmailId);
        Assert.Equal(2, api.Arrivals.Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_limit_is_not_waited_out_but_surfaced_with_the_wait()
    {
        await using var api = await LoopbackApi.StartAsync((context, _) => LoopbackApi.Error(context, 429, "user_lock_limit_reached", retryAfter: "3600"));
        using var test = TestClient.For(api.Url, "project-test-1", "secret");

        var error = await Assert.ThrowsAsync<GodwitApiException>(() => test.Client.Users.GetAsync("user-test-1", Cancel));

        Assert.Equal((429, "user_lock_limit_reached"), (error.StatusCode, error.ErrorType));
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal("request-id-test-1", error.RequestId);
        Assert.Single(api.Arrivals);
    }

    [Fact]
    public async Task A_503_is_retried_for_a_read()
    {
        await using var api = await LoopbackApi.StartAsync((context, n) =>
            n == 1 ? LoopbackApi.Error(context, 503, "service_unavailable") : LoopbackApi.User(context));
        using var test = TestClient.For(api.Url, "project-test-1", "secret", options => options.RetryDelay = TimeSpan.FromMilliseconds(10));

        var user = await test.Client.Users.GetAsync("user-test-1", Cancel);

        Assert.Equal("user-test-1", user.UserId);
        Assert.Equal(2, api.Arrivals.Count);
    }

    [Fact]
    public async Task A_503_is_not_retried_for_a_send_which_may_have_gone_out()
    {
        await using var api = await LoopbackApi.StartAsync((context, _) => LoopbackApi.Error(context, 503, "email_delivery_failed"));
        using var test = TestClient.For(api.Url, "project-test-1", "secret", options => options.RetryDelay = TimeSpan.FromMilliseconds(10));

        var error = await Assert.ThrowsAsync<GodwitApiException>(() =>
            test.Client.Otps.Email.LoginOrCreateAsync(new EmailOtpLoginOrCreateRequest { Email = "a@example.com" }, Cancel));

        Assert.Equal((503, "email_delivery_failed"), (error.StatusCode, error.ErrorType));
        Assert.Single(api.Arrivals);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number()
    {
        await using var api = await LoopbackApi.StartAsync((context, _) => LoopbackApi.Error(context, 429, "too_many_requests", retryAfter: "0"));
        using var test = TestClient.For(api.Url, "project-test-1", "secret", options => options.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<GodwitApiException>(() => test.Client.Users.GetAsync("user-test-1", Cancel));

        Assert.Equal("too_many_requests", error.ErrorType);
        Assert.Equal(3, api.Arrivals.Count);
    }

    [Fact]
    public async Task An_error_without_the_api_error_body_is_unexpected_response()
    {
        await using var api = await LoopbackApi.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("<html>not here</html>");
        });
        using var test = TestClient.For(api.Url, "project-test-1", "secret");

        var error = await Assert.ThrowsAsync<GodwitApiException>(() => test.Client.Users.GetAsync("user-test-1", Cancel));

        Assert.Equal((404, "unexpected_response"), (error.StatusCode, error.ErrorType));
        Assert.Contains("not here", error.ErrorMessage, StringComparison.Ordinal);
    }
}
