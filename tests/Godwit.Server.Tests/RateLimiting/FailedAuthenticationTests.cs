using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.RateLimiting;

/// <summary>Guessing the project secret online: failures are counted per client address.</summary>
public sealed class FailedAuthenticationTests : IAsyncLifetime
{
    private GodwitHost host = null!;

    // Seven a minute refill all at once after a minute (7 and 60 share no factor), so no refill can
    // land between the requests of a test; the default (100, five every three seconds) could.
    private const int FailuresPerMinute = 7;

    public async ValueTask InitializeAsync() => host = await GodwitHost.StartAsync(new GodwitHostOptions
    {
        Settings = new Dictionary<string, string?> { ["Godwit:RateLimits:FailedAuthenticationsPerIp"] = $"{FailuresPerMinute}" },
    });

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static string SomeUserPath => $"/v1/users/user-live-{Guid.NewGuid():D}";

    [Fact]
    public async Task After_its_budget_of_wrong_secrets_an_address_is_refused_even_with_the_right_one_while_others_are_served()
    {
        using var guesser = ClientsFrom.Address(host, "127.0.0.2", secret: "secret-live-guessed");
        using var guesserWithTheSecret = ClientsFrom.Address(host, "127.0.0.2", secret: host.Secret);
        using var otherWithTheSecret = ClientsFrom.Address(host, "127.0.0.3", secret: host.Secret);
        using var otherGuesser = ClientsFrom.Address(host, "127.0.0.3", secret: "secret-live-guessed");

        var guesses = new List<string>();
        for (var i = 0; i < FailuresPerMinute; i++)
        {
            guesses.Add((await guesser.GetJsonAsync(SomeUserPath)).ErrorType);
        }

        var oneTooMany = await guesser.GetJsonAsync(SomeUserPath);
        var rightSecretFromGuesser = await guesserWithTheSecret.GetJsonAsync(SomeUserPath);
        var rightSecretElsewhere = await otherWithTheSecret.GetJsonAsync(SomeUserPath);
        var wrongSecretElsewhere = await otherGuesser.GetJsonAsync(SomeUserPath);
        var sameProjectLocally = await host.Client.GetJsonAsync(SomeUserPath);

        Assert.All(guesses, errorType => Assert.Equal("unauthorized_credentials", errorType));
        StytchShaped.AssertTooManyRequests(oneTooMany, maxRetryAfterSeconds: 60);
        // The same answer as a wrong guess, so it cannot tell the guesser the secret was right.
        StytchShaped.AssertTooManyRequests(rightSecretFromGuesser, maxRetryAfterSeconds: 60);
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (rightSecretElsewhere.Status, rightSecretElsewhere.ErrorType));
        Assert.Equal("unauthorized_credentials", wrongSecretElsewhere.ErrorType);
        Assert.Equal(HttpStatusCode.NotFound, sameProjectLocally.Status);
    }

    [Fact]
    public async Task A_right_secret_stays_refused_while_less_than_a_whole_failure_has_come_back()
    {
        using var guesser = ClientsFrom.Address(host, "127.0.0.5", secret: "secret-live-guessed");
        using var guesserWithTheSecret = ClientsFrom.Address(host, "127.0.0.5", secret: host.Secret);
        for (var i = 0; i < FailuresPerMinute; i++)
        {
            await guesser.GetJsonAsync(SomeUserPath);
        }

        // The budget refills continuously: after a few refill ticks a fraction of a failure is back
        // (7 a minute is one every 8.6 s), which must not let a request through.
        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
            answers.Add(await guesser.GetJsonAsync(SomeUserPath));
            answers.Add(await guesserWithTheSecret.GetJsonAsync(SomeUserPath));
        }

        Assert.All(answers, answer => StytchShaped.AssertTooManyRequests(answer, maxRetryAfterSeconds: 60));
    }

    [Fact]
    public async Task Requests_without_credentials_are_refused_without_spending_the_addresss_budget()
    {
        using var anonymous = ClientsFrom.Address(host, "127.0.0.4", secret: null);
        using var withTheSecret = ClientsFrom.Address(host, "127.0.0.4", secret: host.Secret);

        var answers = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            answers.Add((await anonymous.GetJsonAsync(SomeUserPath)).ErrorType);
        }

        var served = await withTheSecret.GetJsonAsync(SomeUserPath);

        Assert.All(answers, errorType => Assert.Equal("unauthorized_credentials", errorType));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (served.Status, served.ErrorType));
    }
}
