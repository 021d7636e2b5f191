using System.Globalization;
using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Otps;
using Godwit.Core.Sessions;
using Godwit.Core.Tests.Support;
using Godwit.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Core.Tests.Otps;

/// <summary>A passcode's lifetime, its own attempt limit, and the failure budget of its address across resends.</summary>
public sealed class OtpClockTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private OtpOptions Options => core.Services.GetRequiredService<OtpOptions>();

    [Fact]
    public async Task A_passcode_works_until_one_second_before_its_default_two_minutes_end()
    {
        var email = Addresses.Email();
        var sent = await SendAsync(email);
        core.Clock.Advance(TimeSpan.FromMinutes(OtpService.DefaultExpirationMinutes) - TimeSpan.FromSeconds(1));

        Assert.True((await AuthenticateAsync(sent.MethodId, core.Outbox.LastCode(email))).Succeeded);
    }

    [Fact]
    public async Task A_passcode_fails_at_the_end_of_its_minutes()
    {
        var email = Addresses.Email();
        var sent = await SendAsync(email, expirationMinutes: 10);
        core.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Same(ErrorCatalog.UnableToAuthOtpCode, (await AuthenticateAsync(sent.MethodId, core.Outbox.LastCode(email))).Error);
    }

    [Fact]
    public async Task A_text_message_passcode_ends_at_the_same_edge()
    {
        var phone = Addresses.Phone();
        var sent = (await core.CallAsync<OtpService, Result<SentTo>>(otps =>
            otps.LoginOrCreateAsync(new OtpLoginOrCreateCommand(AddressKind.Phone, phone, 1, CreateAsPending: false), None))).Value;
        core.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Same(ErrorCatalog.UnableToAuthOtpCode, (await AuthenticateAsync(sent.MethodId, core.Outbox.LastCode(phone))).Error);
    }

    [Fact]
    public async Task After_the_attempt_limit_even_the_right_code_fails()
    {
        var email = Addresses.Email();
        var sent = await SendAsync(email);
        var code = core.Outbox.LastCode(email);
        for (var i = 0; i < Options.MaxAttempts; i++)
        {
            Assert.Same(ErrorCatalog.OtpCodeNotFound, (await AuthenticateAsync(sent.MethodId, Wrong(code))).Error);
        }

        Assert.Same(ErrorCatalog.UnableToAuthOtpCode, (await AuthenticateAsync(sent.MethodId, code)).Error);
    }

    [Fact]
    public async Task A_new_passcode_ends_the_one_sent_before()
    {
        var email = Addresses.Email();
        var sent = await SendAsync(email);
        var first = core.Outbox.LastCode(email);
        core.Clock.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(email);
        var second = core.Outbox.LastCode(email);

        if (first != second)
        {
            Assert.Same(ErrorCatalog.OtpCodeNotFound, (await AuthenticateAsync(sent.MethodId, first)).Error);
        }

        Assert.True((await AuthenticateAsync(sent.MethodId, second)).Succeeded);
    }

    [Fact]
    public async Task New_codes_give_a_guesser_no_new_tries_until_the_failure_window_from_the_first_wrong_guess_ends()
    {
        var email = Addresses.Email();
        var methodId = (await SendAsync(email)).MethodId;
        var firstFailure = core.Now;
        var failures = 0;
        while (failures < Options.MaxFailuresPerAddress)
        {
            var live = core.Outbox.LastCode(email);
            for (var i = 0; i < Options.MaxAttempts && failures < Options.MaxFailuresPerAddress; i++, failures++)
            {
                Assert.Same(ErrorCatalog.OtpCodeNotFound, (await AuthenticateAsync(methodId, Wrong(live))).Error);
            }

            await SendAsync(email);
        }

        var refused = (await AuthenticateAsync(methodId, core.Outbox.LastCode(email))).Error;
        Assert.Equal(ErrorCatalog.TooManyOtpGuesses.ErrorType, refused?.ErrorType);
        Assert.Equal(Options.FailureWindow, refused?.RetryAfter);

        core.Clock.Advance(firstFailure + Options.FailureWindow - TimeSpan.FromSeconds(1) - core.Now);
        await SendAsync(email);
        var code = core.Outbox.LastCode(email);
        refused = (await AuthenticateAsync(methodId, code)).Error;
        Assert.Equal(ErrorCatalog.TooManyOtpGuesses.ErrorType, refused?.ErrorType);
        Assert.Equal(TimeSpan.FromSeconds(1), refused?.RetryAfter);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(methodId, code)).Succeeded);
    }

    private static string Wrong(string code) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private async Task<SentTo> SendAsync(string email, int? expirationMinutes = null) =>
        (await core.CallAsync<OtpService, Result<SentTo>>(otps =>
            otps.LoginOrCreateAsync(new OtpLoginOrCreateCommand(AddressKind.Email, email, expirationMinutes, CreateAsPending: false), None))).Value;

    private Task<Result<PrimaryFactorAuthenticated>> AuthenticateAsync(string methodId, string code) =>
        core.CallAsync<OtpService, Result<PrimaryFactorAuthenticated>>(otps =>
            otps.AuthenticateAsync(new OtpAuthenticateCommand(methodId, code, SessionRequest.None), None));
}
