using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Legacy;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Passwords;

/// <summary>
/// Checks an email and password: every guess is reserved before any hashing or legacy call, a
/// wrong one counts towards the lock, a right one against a legacy or weaker hash upgrades it on
/// the spot, and a person Godwit holds no password for may be vouched for by the legacy hook (as,
/// while both systems run, may a password Godwit holds: see <see cref="LegacyPasswordAuthority"/>).
/// </summary>
public sealed class PasswordLogin(
    IUserStore users,
    IPasswordStore passwords,
    IBudgetStore budgets,
    DefaultPasswordHasher hasher,
    HashingGate gate,
    UnknownUserDecoy decoy,
    LegacyPasswordLogin legacyPasswords,
    LegacyPasswordAuthority legacyAuthority,
    SessionService sessions,
    LoginAttempt attempt,
    PasswordOptions options,
    EventLog events,
    TimeProvider clock)
{
    public async Task<Result<(User User, UserEmail Email)>> CheckAsync(string email, string password, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            return ErrorCatalog.InvalidEmail;
        }

        var user = await users.FindByEmailAsync(normalized, cancellationToken);
        attempt.UserId = user?.UserId;
        var guess = await ReserveGuessAsync(user, normalized, cancellationToken);
        if (!guess.Succeeded)
        {
            return guess.Error!;
        }

        try
        {
            return await CheckReservedAsync(normalized, password, user, guess.Value, cancellationToken);
        }
        catch (PasswordHashingOverloadedException)
        {
            // Refused before the password was checked: the guess does not count.
            await ReleaseAsync(guess.Value, cancellationToken);
            throw;
        }
    }

    private async Task<Result<(User User, UserEmail Email)>> CheckReservedAsync(string normalized, string password, User? user, Guess guess, CancellationToken cancellationToken)
    {
        if (user?.Password is null && legacyPasswords.Enabled && user?.PasswordDeletedAt is null)
        {
            var legacy = await legacyPasswords.LogInAsync(normalized, password, user, cancellationToken);
            switch (legacy.Outcome)
            {
                case LegacyLoginOutcome.Imported:
                    await SucceededAsync(guess, cancellationToken);
                    return (legacy.User!, legacy.Email!);
                case LegacyLoginOutcome.Refused:
                    return legacy.Error!;
                case LegacyLoginOutcome.LostRace:
                    user = await users.FindByEmailAsync(normalized, cancellationToken);
                    break;
                case LegacyLoginOutcome.NoMatch:
                    // Answered below as without a hook, after the same hashing work, so a match
                    // and a non-match cost alike.
                    break;
            }
        }

        if (user?.Password is not { } stored)
        {
            // The same hashing work as a real check, so that neither the answer nor its timing
            // tells a caller whether the email has an account (unless configured to, as at Stytch).
            await gate.RunAsync(() => decoy.Hash.Verify(password), cancellationToken);
            await FailedAsync(guess, cancellationToken);
            return !options.RevealUnknownEmails ? ErrorCatalog.UnauthorizedPasswordCredentials
                : user is null ? ErrorCatalog.EmailNotFound
                : ErrorCatalog.NoUserPassword;
        }

        var hash = StoredPasswordHash.Deserialize(stored.Hash);
        // While both systems run, the legacy system's word on a password outranks Godwit's copy.
        var verdict = legacyAuthority.Decides(user)
            ? await legacyAuthority.JudgeAsync(user, normalized, password, hash, cancellationToken)
            : await gate.RunAsync(() => hash.Verify(password), cancellationToken) ? HeldPasswordVerdict.Right : HeldPasswordVerdict.Wrong;
        if (verdict == HeldPasswordVerdict.Unvouched)
        {
            // The guess stays counted, as when the hook vouches for a user without a password.
            return ErrorCatalog.ResetPassword;
        }

        if (verdict == HeldPasswordVerdict.Wrong)
        {
            await FailedAsync(guess, cancellationToken);
            return ErrorCatalog.UnauthorizedPasswordCredentials;
        }

        await SucceededAsync(guess, cancellationToken);
        if (stored.ResetRequired)
        {
            // Right, but set before anyone proved the email: only a reset by email makes it good.
            return ErrorCatalog.ResetPassword;
        }

        if (verdict == HeldPasswordVerdict.ChangedInLegacy || hash.NeedsRehash(options.Hashing))
        {
            try
            {
                if (verdict == HeldPasswordVerdict.ChangedInLegacy)
                {
                    await legacyAuthority.FollowAsync(user, stored, normalized, password, cancellationToken);
                }
                else
                {
                    // Conditional on the hash just verified: a concurrent reset's new password wins.
                    var upgraded = await gate.RunAsync(() => hasher.Hash(password), cancellationToken);
                    var upgradedFrom = stored.HashType;
                    await passwords.TryReplaceHashAsync(
                        stored.PasswordId, stored.Hash, upgraded.HashType, upgraded.Serialize(), clock.GetUtcNow().UtcDateTime,
                        () => events.RecordPassword(EventTypes.PasswordUpgraded, user, new JsonObject { ["from_hash_type"] = upgradedFrom, ["to_hash_type"] = upgraded.HashType }),
                        cancellationToken);
                }
            }
            catch (PasswordHashingOverloadedException)
            {
                // The person proved the password; the upgrade (or, during the overlap, the copy of
                // a password changed in the legacy app) waits for a quieter login.
            }
        }

        return (user, user.Emails.First(e => e.Address == normalized));
    }

    /// <summary>Records the password factor in the named session, or in a new one (an hour by default).</summary>
    public async Task<Result<PasswordAuthenticated>> RecordFactorAsync(User user, UserEmail email, SessionRequest session, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var factor = new AuthenticationFactor("password", "knowledge", now, now, EmailFactor: new EmailFactor(email.EmailId, email.Address));
        var request = session.SessionToken is null && session.SessionJwt is null && session.DurationMinutes is null
            ? session with { DurationMinutes = options.DefaultSessionDurationMinutes }
            : session;
        var issued = await sessions.RecordFactorAsync(user, factor, request, cancellationToken);
        return issued.Succeeded
            ? new PasswordAuthenticated(user, email.EmailId, issued.Value!)
            : issued.Error!;
    }


    /// <summary>
    /// Takes one guess from the user's count, or, for an email nobody has or whose user has no
    /// password row to count on, from a budget of that email of the same size and length. Either way
    /// a guesser meets <c>user_lock_limit_reached</c> after the same number of tries. The budget's
    /// window starts at the first guess and a user's lock at the last, so the Retry-After of guesses
    /// spread over the hour still differs (docs/security.md).
    /// </summary>
    private async Task<Result<Guess>> ReserveGuessAsync(User? user, string normalizedEmail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (user is not null)
        {
            if (await passwords.TryReserveGuessAsync(user.UserId, options.LockThreshold, now, cancellationToken))
            {
                return new Guess(user.UserId, null);
            }

            // The lock was set by this user's own load or by a concurrent guess a moment ago.
            var wait = user.LockExpiresAt is { } until && until > now ? until - now : options.LockDuration;
            return ErrorCatalog.UserLocked.WithRetryAfter(wait);
        }

        var key = "password-guesses:" + normalizedEmail;
        var answer = await budgets.TryTakeAsync(key, options.LockThreshold, options.LockDuration, now, cancellationToken);
        return answer.Granted ? new Guess(null, key) : ErrorCatalog.UserLocked.WithRetryAfter(answer.RetryAfter);
    }

    private async Task FailedAsync(Guess guess, CancellationToken cancellationToken)
    {
        if (guess.UserId is { } userId)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now + options.LockDuration;
            await passwords.LockIfThresholdReachedAsync(
                userId, options.LockThreshold, now, until,
                () => events.Record(EventTypes.UserLocked, userId, new JsonObject { ["reason"] = "password_attempts", ["lock_expires_at"] = until.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) }),
                cancellationToken);
        }
    }

    private async Task SucceededAsync(Guess guess, CancellationToken cancellationToken)
    {
        if (guess.UserId is { } userId)
        {
            await passwords.ClearFailuresAsync(userId, cancellationToken);
        }
        else if (guess.BudgetKey is { } key)
        {
            await budgets.GiveBackAsync(key, cancellationToken);
        }
    }

    private async Task ReleaseAsync(Guess guess, CancellationToken cancellationToken)
    {
        if (guess.UserId is { } userId)
        {
            await passwords.ReleaseGuessAsync(userId, cancellationToken);
        }
        else if (guess.BudgetKey is { } key)
        {
            await budgets.GiveBackAsync(key, cancellationToken);
        }
    }

    /// <summary>A reserved guess: counted on the user's row, or on the email's budget.</summary>
    private sealed record Guess(string? UserId, string? BudgetKey);
}
