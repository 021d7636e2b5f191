using Godwit.Core.Errors;
using Godwit.Core.Passwords;
using Godwit.Core.Sessions;
using Godwit.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Core.Tests.Passwords;

/// <summary>PasswordLogin's lock: when wrong guesses set it, how long it holds, and when it lets go.</summary>
public sealed class PasswordLockoutClockTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private PasswordOptions Options => core.Services.GetRequiredService<PasswordOptions>();

    [Fact]
    public async Task Wrong_guesses_lock_the_user_for_the_lock_duration_from_the_last_one()
    {
        var email = Addresses.Email();
        var password = TestUsers.NewPassword();
        await core.CreateWithPasswordAsync(email, password);
        for (var i = 0; i < Options.LockThreshold; i++)
        {
            core.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Same(ErrorCatalog.UnauthorizedPasswordCredentials, (await AuthenticateAsync(email, TestUsers.NewPassword())).Error);
        }

        var lockedAt = core.Now;
        var locked = (await AuthenticateAsync(email, password)).Error;
        Assert.Equal(ErrorCatalog.UserLocked.ErrorType, locked?.ErrorType);
        Assert.Equal(Options.LockDuration, locked?.RetryAfter);

        core.Clock.Advance(Options.LockDuration - TimeSpan.FromSeconds(1));
        locked = (await AuthenticateAsync(email, password)).Error;
        Assert.Equal(ErrorCatalog.UserLocked.ErrorType, locked?.ErrorType);
        Assert.Equal(TimeSpan.FromSeconds(1), locked?.RetryAfter);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(lockedAt + Options.LockDuration, core.Now);
        Assert.True((await AuthenticateAsync(email, password)).Succeeded);
    }

    [Fact]
    public async Task A_right_password_before_the_threshold_forgets_the_wrong_ones()
    {
        var email = Addresses.Email();
        var password = TestUsers.NewPassword();
        await core.CreateWithPasswordAsync(email, password);
        for (var i = 0; i < Options.LockThreshold - 1; i++)
        {
            await AuthenticateAsync(email, TestUsers.NewPassword());
        }

        Assert.True((await AuthenticateAsync(email, password)).Succeeded);

        Assert.Same(ErrorCatalog.UnauthorizedPasswordCredentials, (await AuthenticateAsync(email, TestUsers.NewPassword())).Error);
        Assert.True((await AuthenticateAsync(email, password)).Succeeded);
    }

    [Fact]
    public async Task An_unknown_email_is_locked_after_as_many_guesses_until_the_window_from_the_first_one_ends()
    {
        var email = Addresses.Email();
        for (var i = 0; i < Options.LockThreshold; i++)
        {
            Assert.Same(ErrorCatalog.UnauthorizedPasswordCredentials, (await AuthenticateAsync(email, TestUsers.NewPassword())).Error);
        }

        var locked = (await AuthenticateAsync(email, TestUsers.NewPassword())).Error;
        Assert.Equal(ErrorCatalog.UserLocked.ErrorType, locked?.ErrorType);
        Assert.Equal(Options.LockDuration, locked?.RetryAfter);

        core.Clock.Advance(Options.LockDuration - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), (await AuthenticateAsync(email, TestUsers.NewPassword())).Error?.RetryAfter);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.UnauthorizedPasswordCredentials, (await AuthenticateAsync(email, TestUsers.NewPassword())).Error);
    }

    private Task<Result<PasswordAuthenticated>> AuthenticateAsync(string email, string password) =>
        core.CallAsync<PasswordService, Result<PasswordAuthenticated>>(passwords => passwords.AuthenticateAsync(email, password, SessionRequest.None, None));
}
