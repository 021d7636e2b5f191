using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Legacy;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Passwords;

/// <summary>
/// Passwords: logging in, creating a user with a password, deleting a password and judging one's
/// strength. Resets are <see cref="PasswordReset"/>'s, migrated hashes <see cref="PasswordMigration"/>'s,
/// and the check itself (locks, upgrades, the legacy hook) <see cref="PasswordLogin"/>'s.
/// </summary>
public sealed class PasswordService(
    IUserStore users,
    IPasswordStore passwords,
    UserService userService,
    PasswordStrengthChecker strength,
    DefaultPasswordHasher hasher,
    HashingGate gate,
    PasswordLogin login,
    LegacyPasswordAuthority legacyAuthority,
    PasswordResetLinks resetLinks,
    EventLog events,
    TimeProvider clock)
{
    public async Task<Result<PasswordAuthenticated>> AuthenticateAsync(string email, string password, SessionRequest session, CancellationToken cancellationToken)
    {
        if (SessionService.Validate(session) is { } invalidSession)
        {
            return invalidSession;
        }

        var checkedUser = await login.CheckAsync(email, password, cancellationToken);
        if (!checkedUser.Succeeded)
        {
            return checkedUser.Error!;
        }

        var (user, userEmail) = checkedUser.Value;
        return await login.RecordFactorAsync(user, userEmail, session, cancellationToken);
    }

    public async Task<Result<PasswordAuthenticated>> CreateAsync(CreatePasswordCommand command, CancellationToken cancellationToken)
    {
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        if (!EmailAddress.TryNormalize(command.Email, out var email))
        {
            return ErrorCatalog.InvalidEmail;
        }

        if (strength.Refusal(command.Password, email) is { } weak)
        {
            return weak;
        }

        var prepared = await userService.PrepareNewAsync(
            new CreateUserCommand(email, null, command.Name, command.TrustedMetadata, command.UntrustedMetadata, null, CreateAsPending: false),
            cancellationToken);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        var user = prepared.Value;
        var hash = await gate.RunAsync(() => hasher.Hash(command.Password), cancellationToken);
        user.Password = UserPassword.Create(user.UserId, hash, clock.GetUtcNow().UtcDateTime);
        legacyAuthority.MarkSetInGodwit(user);
        events.RecordCreated(user, "password");
        events.RecordPassword(EventTypes.PasswordCreated, user, new JsonObject { ["hash_type"] = hash.HashType });
        if (await users.SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return await login.RecordFactorAsync(user, user.Emails[0], command.Session, cancellationToken);
    }

    /// <summary>Removes a password; the user keeps every other way of logging in.</summary>
    public async Task<Result<User>> DeleteAsync(string passwordId, CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(PrefixedId.Password, passwordId))
        {
            return ErrorCatalog.InvalidPasswordId;
        }

        if (await passwords.FindOwnerAsync(passwordId, cancellationToken) is not { } userId
            || await users.FindAsync(userId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.PasswordNotFound;
        }

        events.RecordPassword(EventTypes.PasswordDeleted, user);
        user.Password = null;
        user.PasswordDeletedAt = clock.GetUtcNow().UtcDateTime;
        if (await users.SaveAsync(cancellationToken) is { } error)
        {
            return error;
        }

        await resetLinks.EndLinksAsync(user, cancellationToken);
        return user;
    }

    public Result<PasswordStrength> Strength(string password, string? email)
    {
        if (email is not null && !EmailAddress.TryNormalize(email, out _))
        {
            return ErrorCatalog.InvalidEmail;
        }

        return strength.TryCheck(password, email, out var result) ? result : ErrorCatalog.InvalidPassword;
    }
}
