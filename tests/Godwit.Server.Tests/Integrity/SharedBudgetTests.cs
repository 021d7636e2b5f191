using System.Globalization;
using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Server.Tests.Scaling;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Integrity;

/// <summary>
/// Budgets live in the database: a guesser who spreads guesses over two Godwit processes sharing
/// one PostgreSQL gets no more than against one.
/// </summary>
public sealed class SharedBudgetTests(TwoServers servers) : IClassFixture<TwoServers>
{
    private GodwitHost First => servers.First;

    private GodwitHost Second => servers.Second;

    [Fact]
    public async Task Passcode_guesses_spread_over_two_servers_share_one_budget()
    {
        var email = ApiCalls.UniqueEmail();
        var sent = await First.Client.PostAsync("/v1/otps/email/login_or_create", new { email, expiration_minutes = 10 });
        var code = await First.EmailCodeAsync(email);
        var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        for (var round = 0; round < 2; round++)
        {
            for (var guess = 0; guess < 5; guess++)
            {
                var server = guess % 2 == 0 ? First : Second;
                Assert.Equal("otp_code_not_found", (await server.Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code = wrong })).ErrorType);
            }

            var resent = await First.Client.PostAsync("/v1/otps/email/send", new { email, expiration_minutes = 10 });
            Assert.Equal(HttpStatusCode.OK, resent.Status);
            code = await First.EmailCodeAsync(email);
        }

        var onFirst = await First.Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code });
        var onSecond = await Second.Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code });

        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (onFirst.Status, onFirst.ErrorType));
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (onSecond.Status, onSecond.ErrorType));
    }

    [Fact]
    public async Task Parallel_password_guesses_on_two_servers_get_no_more_than_the_lock_threshold_together()
    {
        var email = ApiCalls.UniqueEmail();
        var unknown = ApiCalls.UniqueEmail();
        await First.Client.PostAsync("/v1/passwords", new { email, password = "a password only its owner knows 2026" });

        var known = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            (i % 2 == 0 ? First : Second).Client.PostAsync("/v1/passwords/authenticate", new { email, password = $"guess number {i}" })));
        var nobody = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            (i % 2 == 0 ? First : Second).Client.PostAsync("/v1/passwords/authenticate", new { email = unknown, password = $"guess number {i}" })));

        Assert.Equal(10, known.Count(a => a.ErrorType == "unauthorized_credentials"));
        Assert.Equal(14, known.Count(a => a.ErrorType == "user_lock_limit_reached"));
        Assert.Equal(10, nobody.Count(a => a.ErrorType == "unauthorized_credentials"));
        Assert.Equal(14, nobody.Count(a => a.ErrorType == "user_lock_limit_reached"));
    }
}
