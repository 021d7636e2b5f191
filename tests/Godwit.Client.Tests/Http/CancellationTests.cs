using Godwit.Tests.Support;

namespace Godwit.Client.Tests.Http;

public sealed class CancellationTests
{
    [Fact]
    public async Task A_call_with_a_cancelled_token_is_cancelled_without_being_sent()
    {
        await using var api = await LoopbackApi.StartAsync((context, _) => LoopbackApi.User(context));
        using var test = TestClient.For(api.Url, "project-test-1", "secret");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Client.Users.GetAsync("user-test-1", cancelled.Token));

        Assert.Empty(api.Arrivals);
    }

    [Fact]
    public async Task Cancelling_a_call_in_flight_stops_waiting_for_the_answer()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var api = await LoopbackApi.StartAsync(async (context, _) =>
        {
            arrived.TrySetResult();
            // Never answers in time; ends quietly when the client goes away.
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var test = TestClient.For(api.Url, "project-test-1", "secret");
        using var cancellation = new CancellationTokenSource();

        var call = test.Client.Users.GetAsync("user-test-1", cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Same(call, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(api.Arrivals);
    }
}
