using System.Globalization;
using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Storage;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Integrity;

/// <summary>
/// Every guess is budgeted and every send is limited, on every database: passcode guesses across
/// resends, parallel password guesses, the lock of an email nobody has, and the hourly send limits.
/// </summary>
public abstract class GuessBudgetContract
{
    private const int PasscodeFailuresPerHour = 10;
    private const int LockThreshold = 10;

    private protected abstract BudgetedGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task Asking_for_new_codes_never_refills_the_guess_budget_and_past_it_even_the_right_code_waits()
    {
        var email = ApiCalls.UniqueEmail();
        var emailId = "";
        for (var round = 0; round < PasscodeFailuresPerHour / 5; round++)
        {
            var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
            emailId = sent.Text("email_id");
            var code = await Godwit.Host.EmailCodeAsync(email);
            for (var guess = 0; guess < 5; guess++)
            {
                Assert.Equal("otp_code_not_found", (await Authenticate(emailId, Wrong(code))).ErrorType);
            }
        }

        await Client.PostAsync("/v1/otps/email/send", new { email });
        var right = await Godwit.Host.EmailCodeAsync(email);
        var refused = await Authenticate(emailId, right);

        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (refused.Status, refused.ErrorType));
        Assert.InRange(refused.RetryAfterSeconds!.Value, 3500, 3600);

        // Once the hour is over the budget is whole again, and the (new) right code works.
        Godwit.Clock.Advance(TimeSpan.FromHours(1));
        await Client.PostAsync("/v1/otps/email/send", new { email });
        var accepted = await Authenticate(emailId, await Godwit.Host.EmailCodeAsync(email));
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
    }

    [Fact]
    public async Task A_right_code_does_not_spend_the_budget_of_wrong_ones()
    {
        var phone = ApiCalls.UniquePhone();
        var sent = await Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = phone });
        var code = Godwit.Host.SmsCode(phone);
        for (var guess = 0; guess < PasscodeFailuresPerHour - 1; guess++)
        {
            if (guess % 4 == 3)
            {
                await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });
                code = Godwit.Host.SmsCode(phone);
            }

            Assert.Equal("otp_code_not_found", (await Authenticate(sent.Text("phone_id"), Wrong(code))).ErrorType);
        }

        Godwit.Clock.Advance(TimeSpan.FromMinutes(1));
        await Client.PostAsync("/v1/otps/sms/send", new { phone_number = phone });
        var first = await Authenticate(sent.Text("phone_id"), Godwit.Host.SmsCode(phone));
        Assert.Equal(HttpStatusCode.OK, first.Status);
    }

    [Fact]
    public async Task Parallel_wrong_passwords_get_no_more_guesses_than_the_lock_threshold()
    {
        var email = ApiCalls.UniqueEmail();
        var password = "a password only its owner knows 2026";
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/v1/passwords", new { email, password })).Status);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3 * LockThreshold).Select(i =>
            Client.PostAsync("/v1/passwords/authenticate", new { email, password = $"guess number {i} of many" })));

        Assert.Equal(LockThreshold, answers.Count(a => a.ErrorType == "unauthorized_credentials"));
        Assert.Equal(2 * LockThreshold, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests && a.ErrorType == "user_lock_limit_reached"));
        var right = await Client.PostAsync("/v1/passwords/authenticate", new { email, password });
        Assert.Equal((HttpStatusCode.TooManyRequests, "user_lock_limit_reached"), (right.Status, right.ErrorType));
        Assert.InRange(right.RetryAfterSeconds!.Value, 1, 3600);
    }

    [Fact]
    public async Task An_email_nobody_has_locks_after_the_same_number_of_guesses_as_one_with_an_account()
    {
        var known = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/passwords", new { email = known, password = "a password only its owner knows 2026" });
        var unknown = ApiCalls.UniqueEmail();

        var knownAnswers = new List<string?>();
        var unknownAnswers = new List<string?>();
        for (var guess = 0; guess <= LockThreshold; guess++)
        {
            knownAnswers.Add((await Client.PostAsync("/v1/passwords/authenticate", new { email = known, password = $"guess {guess} at it" })).ErrorType);
            unknownAnswers.Add((await Client.PostAsync("/v1/passwords/authenticate", new { email = unknown, password = $"guess {guess} at it" })).ErrorType);
        }

        Assert.Equal(knownAnswers, unknownAnswers);
        Assert.Equal("user_lock_limit_reached", unknownAnswers[^1]);
        Assert.Equal("unauthorized_credentials", unknownAnswers[^2]);
    }

    [Fact]
    public async Task One_address_is_sent_no_more_than_its_hourly_budget_of_every_kind_together()
    {
        var email = ApiCalls.UniqueEmail();
        var answers = new List<ApiAnswer>();
        for (var i = 0; i <= BudgetedGodwit.SendsPerAddressPerHour; i++)
        {
            // A minute apart, so the per-minute limits never decide.
            Godwit.Clock.Advance(TimeSpan.FromMinutes(1));
            answers.Add(i % 2 == 0
                ? await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email })
                : await Client.PostAsync("/v1/otps/email/login_or_create", new { email }));
        }

        Assert.All(answers.SkipLast(1), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (answers[^1].Status, answers[^1].ErrorType));
        Assert.InRange(answers[^1].RetryAfterSeconds!.Value, 1, 3600);
        Assert.Equal(BudgetedGodwit.SendsPerAddressPerHour, Godwit.Host.EmailsTo(email));
    }

    [Fact]
    public async Task Texts_to_many_numbers_sharing_a_prefix_stop_at_the_prefix_budget_and_other_prefixes_go_on()
    {
        var prefix = "+1555" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var answers = new List<ApiAnswer>();
        for (var i = 0; i <= BudgetedGodwit.TextsPerPrefixPerHour; i++)
        {
            answers.Add(await Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = $"{prefix}{i}" }));
        }

        var elsewhere = await Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = ApiCalls.UniquePhone() });

        Assert.All(answers.SkipLast(1), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (answers[^1].Status, answers[^1].ErrorType));
        Assert.Empty(Godwit.Host.SmsBodies($"{prefix}{BudgetedGodwit.TextsPerPrefixPerHour}"));
        Assert.Equal(HttpStatusCode.OK, elsewhere.Status);
    }

    [Fact]
    public async Task A_budget_is_pruned_once_its_window_is_long_over()
    {
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email = ApiCalls.UniqueEmail() });
        var key = "sends:" + sent.Text("email_id");
        Assert.True(await BudgetExistsAsync(key));

        // The pruner runs every ten minutes on Godwit's clock and drops windows over an hour old.
        Godwit.Clock.Advance(TimeSpan.FromMinutes(75));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await BudgetExistsAsync(key) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.False(await BudgetExistsAsync(key));
    }

    private async Task<bool> BudgetExistsAsync(string key)
    {
        await using var scope = Godwit.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Budgets.AnyAsync(b => b.Key == key, TestContext.Current.CancellationToken);
    }

    private Task<ApiAnswer> Authenticate(string methodId, string code) =>
        Client.PostAsync("/v1/otps/authenticate", new { method_id = methodId, code });

    private static string Wrong(string code) => ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}

public sealed class GuessBudgetsOnSqlite(BudgetedSqliteGodwit godwit) : GuessBudgetContract, IClassFixture<BudgetedSqliteGodwit>
{
    private protected override BudgetedGodwit Godwit => godwit;
}

public sealed class GuessBudgetsOnPostgres(BudgetedPostgresGodwit godwit) : GuessBudgetContract, IClassFixture<BudgetedPostgresGodwit>
{
    private protected override BudgetedGodwit Godwit => godwit;
}
