using System.Globalization;
using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.RateLimiting;

/// <summary>The password-hashing gate's queue is bounded: a burst past it is refused at once, not queued.</summary>
public sealed class HashingQueueTests
{
    [Fact]
    public async Task A_burst_past_the_hashing_queue_is_refused_with_503_and_retry_after_and_nothing_hangs_or_fails()
    {
        // One waiter per core, and a hash about forty times the default's work (8 MiB x 100 passes).
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Godwit:Passwords:Hashing:QueueLimitPerCore"] = "1",
                ["Godwit:Passwords:Hashing:MemoryKiB"] = "8192",
                ["Godwit:Passwords:Hashing:Iterations"] = "100",
            },
        });
        var admitted = Environment.ProcessorCount * 2;
        var burst = Enumerable.Range(0, admitted + 16).Select(_ => host.Client.PostAsync("/v1/passwords", new
        {
            email = ApiCalls.UniqueEmail(),
            password = "Godwit-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + "-tests!",
        }));

        var answers = await Task.WhenAll(burst).WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        var refused = answers.Where(answer => answer.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.All(answers, answer => Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, answer.ToString()));
        Assert.Contains(answers, answer => answer.Status == HttpStatusCode.OK);
        Assert.NotEmpty(refused);
        Assert.All(refused, answer =>
        {
            Assert.Equal("password_hashing_overloaded", answer.ErrorType);
            Assert.Equal(503, answer.Body.GetProperty("status_code").GetInt32());
            Assert.StartsWith("request-id-live-", answer.Text("request_id"), StringComparison.Ordinal);
            Assert.True(answer.RetryAfterSeconds >= 1, answer.ToString());
        });
    }

    [Fact]
    public async Task A_login_refused_by_a_full_hashing_queue_gives_its_guess_back()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Godwit:Passwords:Hashing:QueueLimitPerCore"] = "1",
                ["Godwit:Passwords:Hashing:MemoryKiB"] = "8192",
                ["Godwit:Passwords:Hashing:Iterations"] = "100",
            },
        });
        var email = ApiCalls.UniqueEmail();
        const string password = "the owner's slow-hashed password 2026";
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/v1/passwords", new { email, password })).Status);

        // The hashing queue admits a few guesses and refuses the rest at once; a refused guess is given
        // back, so the lock counts only the few that were checked.
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            host.Client.PostAsync("/v1/passwords/authenticate", new { email, password = $"wrong guess {i}" })))
            .WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        var wrong = answers.Count(a => a.ErrorType == "unauthorized_credentials");
        var overloaded = answers.Count(a => a.ErrorType == "password_hashing_overloaded");

        Assert.Equal(30, wrong + overloaded + answers.Count(a => a.ErrorType == "user_lock_limit_reached"));
        Assert.InRange(wrong, 1, 9);
        Assert.InRange(overloaded, 1, 29);
        var owner = await host.Client.PostAsync("/v1/passwords/authenticate", new { email, password });
        Assert.Equal(HttpStatusCode.OK, owner.Status);
    }
}
