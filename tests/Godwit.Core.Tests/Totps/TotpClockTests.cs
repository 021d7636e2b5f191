using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Tests.Support;
using Godwit.Core.Totps;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Godwit.Core.Tests.Totps;

/// <summary>TotpLogin's 30-second steps, its one-step drift either side, enrolment expiry and the attempt window.</summary>
public sealed class TotpClockTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private TotpOptions Options => core.Services.GetRequiredService<TotpOptions>();

    [Fact]
    public async Task A_code_is_accepted_from_one_step_before_its_own_to_one_step_after_and_not_a_second_outside()
    {
        var boundary = AdvanceToStepBoundary();
        var early = await EnrolAsync();
        var onTime = await EnrolAsync();
        var lastMoment = await EnrolAsync();
        var late = await EnrolAsync();
        var twoStepsAhead = boundary + Step + Step;

        // The code of the step after next: one second before the next step it is two steps ahead.
        core.Clock.Advance(Step - TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.UnableToAuthenticateTotp, (await AuthenticateAsync(early, CodeAt(early, twoStepsAhead))).Error);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(onTime, CodeAt(onTime, twoStepsAhead))).Succeeded);

        // The code of the boundary's step: still accepted in the last second of the step after it.
        core.Clock.Advance(Step - TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(lastMoment, CodeAt(lastMoment, boundary))).Succeeded);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.UnableToAuthenticateTotp, (await AuthenticateAsync(late, CodeAt(late, boundary))).Error);
    }

    [Fact]
    public async Task A_code_works_once_and_no_code_of_an_earlier_step_works_after_it()
    {
        var boundary = AdvanceToStepBoundary();
        var totp = await EnrolAsync();
        core.Clock.Advance(Step);

        Assert.True((await AuthenticateAsync(totp, CodeAt(totp, core.Now))).Succeeded);

        Assert.Same(ErrorCatalog.TotpCodeAlreadyAuthenticated, (await AuthenticateAsync(totp, CodeAt(totp, core.Now))).Error);
        Assert.Same(ErrorCatalog.TotpCodeAlreadyAuthenticated, (await AuthenticateAsync(totp, CodeAt(totp, boundary))).Error);
        Assert.True((await AuthenticateAsync(totp, CodeAt(totp, core.Now + Step))).Succeeded);
    }

    [Fact]
    public async Task An_unconfirmed_enrolment_takes_codes_until_one_second_before_it_expires()
    {
        var inTime = await EnrolAsync(TotpService.MinExpirationMinutes);
        var late = await EnrolAsync(TotpService.MinExpirationMinutes);

        core.Clock.Advance(TimeSpan.FromMinutes(TotpService.MinExpirationMinutes) - TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(inTime, CodeAt(inTime, core.Now))).Succeeded);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.ExpiredTotp, (await AuthenticateAsync(late, CodeAt(late, core.Now))).Error);
        // The first accepted code verified the other one for good.
        Assert.True((await AuthenticateAsync(inTime, CodeAt(inTime, core.Now + Step))).Succeeded);
    }

    [Fact]
    public async Task Spent_attempts_refuse_even_the_right_code_until_the_window_from_the_first_attempt_ends()
    {
        var totp = await EnrolAsync();
        var firstAttempt = core.Now;
        for (var i = 0; i < Options.MaxAttempts; i++)
        {
            Assert.Same(ErrorCatalog.UnableToAuthenticateTotp, (await AuthenticateAsync(totp, Wrong(totp))).Error);
        }

        var refused = (await AuthenticateAsync(totp, CodeAt(totp, core.Now))).Error;
        Assert.Equal(ErrorCatalog.TooManyRequests.ErrorType, refused?.ErrorType);
        Assert.Equal(Options.AttemptWindow, refused?.RetryAfter);

        core.Clock.Advance(firstAttempt + Options.AttemptWindow - TimeSpan.FromSeconds(1) - core.Now);
        refused = (await AuthenticateAsync(totp, CodeAt(totp, core.Now))).Error;
        Assert.Equal(TimeSpan.FromSeconds(1), refused?.RetryAfter);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(totp, CodeAt(totp, core.Now))).Succeeded);
    }

    /// <summary>Moves the clock to the start of the next 30-second step and returns it.</summary>
    private DateTime AdvanceToStepBoundary()
    {
        var intoStep = core.Clock.GetUtcNow().ToUnixTimeSeconds() % 30;
        core.Clock.Advance(TimeSpan.FromSeconds((30 - intoStep) % 30));
        return core.Now;
    }

    private async Task<Enrolled> EnrolAsync(int? expirationMinutes = null)
    {
        var user = await core.CreateVerifiedAsync();
        var created = await core.CallAsync<TotpService, Result<CreatedTotp>>(totps => totps.CreateAsync(user.UserId, expirationMinutes, None));
        return new Enrolled(user.UserId, Base32Encoding.ToBytes(created.Value.Secret));
    }

    private static string CodeAt(Enrolled totp, DateTime utc) => new Totp(totp.Secret).ComputeTotp(utc);

    /// <summary>A code no step near now has: the right one with its last digit changed.</summary>
    private string Wrong(Enrolled totp)
    {
        var window = new[] { core.Now - Step, core.Now, core.Now + Step }.Select(t => CodeAt(totp, t)).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(code => !window.Contains(code));
    }

    private Task<Result<TotpAuthenticated>> AuthenticateAsync(Enrolled totp, string code) =>
        core.CallAsync<TotpLogin, Result<TotpAuthenticated>>(login => login.AuthenticateAsync(totp.UserId, code, SessionRequest.None, None));

    private sealed record Enrolled(string UserId, byte[] Secret);
}
