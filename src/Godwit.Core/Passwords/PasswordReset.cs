using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Legacy;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Passwords;

/// <summary>
/// Resetting a password: by a link sent to the email (see <see cref="PasswordResetLinks"/>), by
/// the current password, or within a session that authenticated in the last five minutes. A new
/// password ends every reset link still live and every other session of the user.
/// </summary>
public sealed class PasswordReset(
    IUserStore users,
    ISessionStore sessionStore,
    PasswordStrengthChecker strength,
    DefaultPasswordHasher hasher,
    HashingGate gate,
    PasswordLogin login,
    LegacyPasswordAuthority legacyAuthority,
    PasswordResetLinks links,
    IOneTimeSecretStore secrets,
    SessionLookup sessionLookup,
    EventLog events,
    SessionEvents sessionEvents,
    TimeProvider clock)
{
    /// <summary>How recent a session's factor must be for /v1/passwords/session/reset, as at Stytch.</summary>
    public static readonly TimeSpan SessionResetWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Sets a new password with a reset link's token. Following the link proves the email, so it
    /// becomes verified; the lock is lifted, and every other session of the user is revoked.
    /// </summary>
    public async Task<Result<PasswordAuthenticated>> ResetByEmailAsync(ResetByEmailCommand command, CancellationToken cancellationToken)
    {
        // Every check on the request comes before the token is consumed.
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        if (!SecretTokens.LooksLikeToken(command.Token))
        {
            return ErrorCatalog.UnableToAuthPasswordResetToken;
        }

        var hash = SecretTokens.HashToken(command.Token);
        var secret = await secrets.FindByHashAsync(hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (secret is null
            || secret.Kind != OneTimeSecretKind.PasswordReset
            || !SecretTokens.FixedTimeEquals(secret.SecretHash, hash)
            || secret.ConsumedAt is not null
            || secret.ExpiresAt <= now)
        {
            return ErrorCatalog.UnableToAuthPasswordResetToken;
        }

        if (Pkce.Check(secret.CodeChallenge, command.CodeVerifier) is { } pkceError)
        {
            return pkceError;
        }

        if (await users.FindAsync(secret.UserId, cancellationToken) is not { } user
            || user.Emails.FirstOrDefault(e => e.EmailId == secret.MethodId) is not { } email)
        {
            return ErrorCatalog.UnableToAuthPasswordResetToken;
        }

        if (strength.Refusal(command.Password, email.Address) is { } weak)
        {
            return weak;
        }

        if (!await secrets.TryConsumeAsync(secret.Id, now, cancellationToken))
        {
            return ErrorCatalog.UnableToAuthPasswordResetToken;
        }

        user.MarkVerified(email, null);
        return await SetPasswordAndLogInAsync(user, email, command.Password, command.Session, keepSessionId: null, "email", cancellationToken);
    }

    /// <summary>Changes the password for someone who knows the current one; failures count towards the lock.</summary>
    public async Task<Result<PasswordAuthenticated>> ResetByExistingPasswordAsync(ResetByExistingPasswordCommand command, CancellationToken cancellationToken)
    {
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        if (!EmailAddress.TryNormalize(command.Email, out var normalized))
        {
            return ErrorCatalog.InvalidEmail;
        }

        if (strength.Refusal(command.NewPassword, normalized) is { } weak)
        {
            return weak;
        }

        var checkedUser = await login.CheckAsync(command.Email, command.ExistingPassword, cancellationToken);
        if (!checkedUser.Succeeded)
        {
            return checkedUser.Error!;
        }

        var (user, email) = checkedUser.Value;
        return await SetPasswordAndLogInAsync(user, email, command.NewPassword, command.Session, keepSessionId: null, "existing_password", cancellationToken);
    }

    /// <summary>
    /// Sets the password of the session's user, when the session proved who they are within the
    /// last five minutes; the user's other sessions are revoked.
    /// </summary>
    public async Task<Result<PasswordAuthenticated>> ResetBySessionAsync(ResetBySessionCommand command, CancellationToken cancellationToken)
    {
        var current = await sessionLookup.FindAsync(command.Session.SessionToken, command.Session.SessionJwt, cancellationToken);
        if (!current.Succeeded)
        {
            return current.Error!;
        }

        var session = current.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        // A session brought from the legacy system proves only that the legacy system trusted it,
        // not that anyone authenticated here: its imported factor never counts as recent.
        if (!session.Factors.Any(f => f.Type != SessionMigrationService.FactorType && now - f.LastAuthenticatedAt <= SessionResetWindow))
        {
            return ErrorCatalog.SessionTooOldToResetPassword;
        }

        if (await users.FindAsync(session.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.SessionNotFound;
        }

        var email = user.Emails.FirstOrDefault();
        if (strength.Refusal(command.Password, email?.Address) is { } weak)
        {
            return weak;
        }

        if (email is null)
        {
            return ErrorCatalog.EmailNotFound.WithMessage("The session's user has no email, which a password login needs.");
        }

        return await SetPasswordAndLogInAsync(user, email, command.Password, command.Session, keepSessionId: session.SessionId, "session", cancellationToken);
    }

    private async Task<Result<PasswordAuthenticated>> SetPasswordAndLogInAsync(
        User user, UserEmail email, string password, SessionRequest session, string? keepSessionId, string method, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hashed = await gate.RunAsync(() => hasher.Hash(password), cancellationToken);
        if (user.Password is { } existing)
        {
            existing.HashType = hashed.HashType;
            existing.Hash = hashed.Serialize();
            existing.UpdatedAt = now;
            existing.ResetRequired = false;
        }
        else
        {
            user.Password = UserPassword.Create(user.UserId, hashed, clock.GetUtcNow().UtcDateTime);
        }

        // The new password passed today's policy, so a legacy password's mark goes with the old one.
        user.TrustedMetadata = LegacyPasswordLogin.WithoutBelowPolicyMark(user.TrustedMetadata);
        legacyAuthority.MarkSetInGodwit(user);

        events.RecordPassword(EventTypes.PasswordReset, user, new JsonObject { ["method"] = method, ["hash_type"] = hashed.HashType });
        if (user.IsLockedAt(now))
        {
            events.Record(EventTypes.UserUnlocked, user.UserId, new JsonObject { ["reason"] = "password_reset" });
        }

        // Whoever knew the old password must not keep a way in.
        user.FailedAuthentications = 0;
        user.LockCreatedAt = null;
        user.LockExpiresAt = null;
        if (await users.SaveAsync(cancellationToken) is { } error)
        {
            return error;
        }

        await links.EndLinksAsync(user, cancellationToken);
        var loggedIn = await login.RecordFactorAsync(user, email, session, cancellationToken);
        if (loggedIn.Succeeded)
        {
            await sessionStore.RevokeAllForUserAsync(user.UserId, keepSessionId ?? loggedIn.Value.Session.Session.SessionId, sessionEvents.Revoked, cancellationToken);
        }

        return loggedIn;
    }
}
