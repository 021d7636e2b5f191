using Godwit.Core.Errors;
using Godwit.Core.Passwords;
using Godwit.Core.Sessions;
using Godwit.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Core.Tests.Passwords;

/// <summary>How long a reset link lives, that a new password ends the links still live, and the session reset's five minutes.</summary>
public sealed class PasswordResetClockTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private PasswordOptions Options => core.Services.GetRequiredService<PasswordOptions>();

    [Fact]
    public async Task A_reset_link_works_until_one_second_before_its_default_minutes_end()
    {
        var inTime = await UserWithPasswordAsync();
        var late = await UserWithPasswordAsync();
        await StartResetAsync(inTime);
        await StartResetAsync(late);

        core.Clock.Advance(TimeSpan.FromMinutes(Options.DefaultResetExpirationMinutes) - TimeSpan.FromSeconds(1));
        Assert.True((await ResetAsync(core.Outbox.LastToken(inTime))).Succeeded);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.UnableToAuthPasswordResetToken, (await ResetAsync(core.Outbox.LastToken(late))).Error);
    }

    [Fact]
    public async Task A_reset_link_works_once()
    {
        var email = await UserWithPasswordAsync();
        await StartResetAsync(email);
        var token = core.Outbox.LastToken(email);

        Assert.True((await ResetAsync(token)).Succeeded);
        Assert.Same(ErrorCatalog.UnableToAuthPasswordResetToken, (await ResetAsync(token)).Error);
    }

    [Fact]
    public async Task A_reset_ends_every_other_link_still_live()
    {
        var email = await UserWithPasswordAsync();
        await StartResetAsync(email);
        var older = core.Outbox.LastToken(email);
        core.Clock.Advance(TimeSpan.FromSeconds(1));
        await StartResetAsync(email);

        Assert.True((await ResetAsync(core.Outbox.LastToken(email))).Succeeded);

        Assert.Same(ErrorCatalog.UnableToAuthPasswordResetToken, (await ResetAsync(older)).Error);
    }

    [Fact]
    public async Task A_password_changed_with_the_existing_one_ends_live_links()
    {
        var password = TestUsers.NewPassword();
        var email = await UserWithPasswordAsync(password);
        await StartResetAsync(email);
        var token = core.Outbox.LastToken(email);

        var changed = await core.CallAsync<PasswordReset, Result<PasswordAuthenticated>>(reset => reset.ResetByExistingPasswordAsync(
            new ResetByExistingPasswordCommand(email, password, TestUsers.NewPassword(), SessionRequest.None), None));
        Assert.True(changed.Succeeded);

        Assert.Same(ErrorCatalog.UnableToAuthPasswordResetToken, (await ResetAsync(token)).Error);
    }

    [Fact]
    public async Task A_session_may_reset_the_password_up_to_five_minutes_after_its_factor_and_not_a_second_later()
    {
        var inTime = await core.CreateWithPasswordAsync(Addresses.Email(), TestUsers.NewPassword());
        var late = await core.CreateWithPasswordAsync(Addresses.Email(), TestUsers.NewPassword());

        core.Clock.Advance(PasswordReset.SessionResetWindow);
        Assert.True((await ResetBySessionAsync(inTime.Session.SessionToken)).Succeeded);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.SessionTooOldToResetPassword, (await ResetBySessionAsync(late.Session.SessionToken)).Error);
    }

    private async Task<string> UserWithPasswordAsync(string? password = null)
    {
        var email = Addresses.Email();
        await core.CreateWithPasswordAsync(email, password ?? TestUsers.NewPassword());
        return email;
    }

    private async Task StartResetAsync(string email) =>
        Assert.True((await core.CallAsync<PasswordResetLinks, Result<(Core.Users.User, string)>>(links =>
            links.StartResetAsync(new ResetStartCommand(email, null, null, null), None))).Succeeded);

    private Task<Result<PasswordAuthenticated>> ResetAsync(string token) =>
        core.CallAsync<PasswordReset, Result<PasswordAuthenticated>>(reset =>
            reset.ResetByEmailAsync(new ResetByEmailCommand(token, TestUsers.NewPassword(), null, SessionRequest.None), None));

    private Task<Result<PasswordAuthenticated>> ResetBySessionAsync(string sessionToken) =>
        core.CallAsync<PasswordReset, Result<PasswordAuthenticated>>(reset =>
            reset.ResetBySessionAsync(new ResetBySessionCommand(TestUsers.NewPassword(), new SessionRequest(null, sessionToken, null, null)), None));
}
