using Godwit.Core.Errors;
using Godwit.Core.Passwords;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Core.Tests.Support;

/// <summary>Users and sessions made through the Core services themselves, each with a fresh address.</summary>
internal static class TestUsers
{
    /// <summary>A strong password no breach list holds.</summary>
    public static string NewPassword() => $"Godwit-{Guid.NewGuid():N}";

    /// <summary>An active user with one unverified email, as Create User makes one.</summary>
    public static async Task<User> CreateAsync(this CoreServices core, string? email = null)
    {
        var created = await core.CallAsync<UserService, Result<CreatedUser>>(users =>
            users.CreateAsync(new CreateUserCommand(email ?? Addresses.Email(), null, null, null, null, null, CreateAsPending: false), CancellationToken.None));
        return created.Value.User;
    }

    /// <summary>An active user whose only email is verified, who may enrol a second factor.</summary>
    public static async Task<User> CreateVerifiedAsync(this CoreServices core)
    {
        var userId = (await core.CreateAsync()).UserId;
        return await core.InScopeAsync(async provider =>
        {
            var store = provider.GetRequiredService<IUserStore>();
            var user = (await store.FindAsync(userId, CancellationToken.None))!;
            user.MarkVerified(user.Emails[0], null);
            Assert.Null(await store.SaveAsync(CancellationToken.None));
            return user;
        });
    }

    /// <summary>A user made by Create Password: an email and a password, and the session it started.</summary>
    public static async Task<PasswordAuthenticated> CreateWithPasswordAsync(this CoreServices core, string email, string password)
    {
        var created = await core.CallAsync<PasswordService, Result<PasswordAuthenticated>>(passwords =>
            passwords.CreateAsync(new CreatePasswordCommand(email, password, SessionRequest.None, null, null, null), CancellationToken.None));
        return created.Value;
    }

    /// <summary>A session of <paramref name="minutes"/> for a new user, started now by an email factor.</summary>
    public static async Task<IssuedSession> StartSessionAsync(this CoreServices core, int minutes, User? user = null)
    {
        user ??= await core.CreateAsync();
        var email = user.Emails[0];
        var now = core.Now;
        var factor = new AuthenticationFactor("magic_link", "email", now, now, EmailFactor: new EmailFactor(email.EmailId, email.Address));
        var started = await core.CallAsync<SessionService, Result<IssuedSession?>>(sessions =>
            sessions.RecordFactorAsync(user, factor, new SessionRequest(minutes, null, null, null), CancellationToken.None));
        return started.Value!;
    }

    /// <summary>The stored session as a fresh request would find it, or null when it is gone or expired.</summary>
    public static Task<Session?> StoredSessionAsync(this CoreServices core, string sessionId) =>
        core.CallAsync<ISessionStore, Session?>(store => store.FindByIdAsync(sessionId, core.Now, CancellationToken.None));
}
