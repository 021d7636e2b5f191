using System.Diagnostics;
using System.Text.Json.Nodes;
using Godwit.Core.Events;
using Godwit.Core.Errors;
using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Microsoft.Extensions.Logging;

namespace Godwit.Core.Legacy;

public enum LegacyLoginOutcome
{
    /// <summary>The hook vouched; the user now exists with the password hashed under the current default.</summary>
    Imported,

    /// <summary>The hook said the password is wrong; the caller answers as it would without a hook.</summary>
    NoMatch,

    /// <summary>The login fails with <see cref="LegacyLogin.Error"/> and nothing was changed.</summary>
    Refused,

    /// <summary>A concurrent login stored this person first; the caller checks against what it stored.</summary>
    LostRace,
}

public sealed record LegacyLogin(LegacyLoginOutcome Outcome, User? User = null, UserEmail? Email = null, ApiError? Error = null);

/// <summary>
/// The password login of a person Godwit holds no password for (an unknown email, or a user imported
/// without a hash), when <c>Godwit:Migration:LegacyPasswordHook</c> is set: the legacy system is
/// asked, and only its explicit match creates the user, or completes the existing one, with the
/// password hashed as every new password is.
/// </summary>
public sealed partial class LegacyPasswordLogin(
    ILegacyPasswordHook hook,
    IUserStore users,
    ISessionStore sessions,
    UserService userService,
    DefaultPasswordHasher hasher,
    HashingGate gate,
    PasswordStrengthChecker strength,
    LegacySystemOptions options,
    EventLog events,
    SessionEvents sessionEvents,
    TimeProvider clock,
    ILogger<LegacyPasswordLogin> logger)
{
    /// <summary>
    /// Set to true in trusted_metadata when the legacy password would not pass today's strength
    /// policy, so the application can ask the person to choose another; any password change clears it.
    /// </summary>
    public const string BelowPolicyKey = "godwit_password_below_policy";

    public bool Enabled => options.PasswordHookEnabled;

    /// <param name="existing">
    /// The user of the email, who has no password and never had one in Godwit, or null when nobody
    /// has the email. The caller has already counted this guess towards the lock.
    /// </param>
    public async Task<LegacyLogin> LogInAsync(string normalizedEmail, string password, User? existing, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var verdict = await hook.VerifyAsync(normalizedEmail, password, cancellationToken);
        var login = await ActOnAsync(verdict, normalizedEmail, password, existing, cancellationToken);
        // Recorded after the user is saved or refused: a refused save clears what is pending, and the
        // call happened either way. The end of the request commits it.
        events.RecordLegacyHookCalled("password", OutcomeOf(verdict.Kind), login.User?.UserId ?? existing?.UserId, started);
        return login;
    }

    /// <summary>The <c>outcome</c> of a <c>legacy_hook.called</c> event.</summary>
    public static string OutcomeOf(LegacyVerdictKind kind) => kind switch
    {
        LegacyVerdictKind.Match => "match",
        LegacyVerdictKind.NoMatch => "no_match",
        _ => "failed",
    };

    private async Task<LegacyLogin> ActOnAsync(LegacyVerdict verdict, string normalizedEmail, string password, User? existing, CancellationToken cancellationToken)
    {
        if (verdict.Kind == LegacyVerdictKind.Failed)
        {
            return new LegacyLogin(LegacyLoginOutcome.Refused, Error: ErrorCatalog.LegacyPasswordHookUnavailable);
        }

        if (verdict.Kind == LegacyVerdictKind.NoMatch)
        {
            return new LegacyLogin(LegacyLoginOutcome.NoMatch);
        }

        if (existing is not null && existing.Emails.First(e => e.Address == normalizedEmail).Verified && !verdict.Profile!.EmailVerified)
        {
            // Whoever holds a legacy account under this address never proved it there, while its
            // owner proved it here: the legacy password must not open the owner's account.
            LogUnvouchedVerifiedEmail(logger, existing.UserId);
            return new LegacyLogin(LegacyLoginOutcome.Refused, Error: ErrorCatalog.ResetPassword);
        }

        var profile = verdict.Profile!;
        var hash = await gate.RunAsync(() => hasher.Hash(password), cancellationToken);
        var belowPolicy = !strength.TryCheck(password, normalizedEmail, out var judged) || !judged.Valid;
        var user = existing;
        if (user is null)
        {
            var prepared = await userService.PrepareNewAsync(
                new CreateUserCommand(normalizedEmail, null, profile.Name, profile.TrustedMetadata, profile.UntrustedMetadata, profile.ExternalId, CreateAsPending: false),
                cancellationToken);
            if (!prepared.Succeeded)
            {
                return prepared.Error == ErrorCatalog.DuplicateEmail ? new LegacyLogin(LegacyLoginOutcome.LostRace) : Refuse(prepared.Error!);
            }

            user = prepared.Value;
            user.Emails[0].Verified = profile.EmailVerified;
        }

        var firstProof = existing is not null && Complete(user, normalizedEmail, profile);
        var now = clock.GetUtcNow().UtcDateTime;
        user.Password = UserPassword.Create(user.UserId, hash, now);
        if (belowPolicy)
        {
            MarkBelowPolicy(user);
        }

        if (existing is null)
        {
            events.RecordCreated(user, "legacy_password_hook");
        }

        events.RecordPassword(EventTypes.PasswordCreated, user, new JsonObject { ["hash_type"] = hash.HashType, ["via"] = "legacy_password_hook" });
        var conflict = await users.SaveAsync(cancellationToken);
        if (conflict == ErrorCatalog.DuplicateEmail || conflict == ErrorCatalog.DuplicatePassword)
        {
            // Two first logins of one person at once: the unique indexes let one store the user
            // and its password; the other checks the password against what the first stored.
            return new LegacyLogin(LegacyLoginOutcome.LostRace);
        }

        if (conflict is not null)
        {
            return Refuse(conflict);
        }

        if (firstProof)
        {
            // The legacy system's word is the first proof of this person: sessions started before
            // it were started by someone who had proved nothing.
            await sessions.RevokeAllForUserAsync(user.UserId, null, sessionEvents.Revoked, cancellationToken);
        }

        var email = user.Emails.First(e => e.Address == normalizedEmail);
        LogAccepted(logger, existing is null ? "created" : "completed", user.UserId, email.Verified, belowPolicy);
        return new LegacyLogin(LegacyLoginOutcome.Imported, user, email);
    }

    /// <summary>Trusted metadata without the below-policy mark, for when the password changes.</summary>
    public static string WithoutBelowPolicyMark(string trustedMetadata) =>
        trustedMetadata.Contains(BelowPolicyKey, StringComparison.Ordinal)
            ? Metadata.Merge(trustedMetadata, new JsonObject { [BelowPolicyKey] = null })
            : trustedMetadata;

    /// <summary>
    /// An existing user gains the password, the verification the legacy system attests, and the
    /// name and external id it gives where the user has none; what Godwit already holds stands.
    /// True when the attestation is the first proof of any address of the user.
    /// </summary>
    private static bool Complete(User user, string normalizedEmail, LegacyProfile profile)
    {
        var firstProof = profile.EmailVerified && user.MarkVerified(user.Emails.First(e => e.Address == normalizedEmail), null);
        user.FirstName ??= profile.Name?.FirstName;
        user.MiddleName ??= profile.Name?.MiddleName;
        user.LastName ??= profile.Name?.LastName;
        user.ExternalId ??= profile.ExternalId;
        return firstProof;
    }

    /// <summary>Trusted metadata with the below-policy mark, or null when it has no room for it.</summary>
    public static string? WithBelowPolicyMark(string trustedMetadata)
    {
        var marked = Metadata.Merge(trustedMetadata, new JsonObject { [BelowPolicyKey] = true });
        return Metadata.FitsLimit(marked) ? marked : null;
    }

    private void MarkBelowPolicy(User user)
    {
        if (WithBelowPolicyMark(user.TrustedMetadata) is { } marked)
        {
            user.TrustedMetadata = marked;
        }
        else
        {
            LogNoRoomForBelowPolicyMark(logger, user.UserId, BelowPolicyKey);
        }
    }

    private LegacyLogin Refuse(ApiError error)
    {
        // The hook vouched for the password, yet Godwit cannot store this person: the legacy data
        // conflicts with Godwit's (an external_id another user holds). The operator must resolve it.
        LogNotStored(logger, error.ErrorType);
        return new LegacyLogin(LegacyLoginOutcome.Refused, Error: error.ErrorType == ErrorCatalog.DuplicateExternalId.ErrorType
            ? error.WithMessage("The legacy system vouched for this password, but the external_id it gave belongs to another user. Nothing was created.")
            : error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy password matched for user {UserId}, whose email is verified in Godwit, without the legacy system vouching for the email; refused")]
    private static partial void LogUnvouchedVerifiedEmail(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy password accepted: {Action} user {UserId}, email verified {EmailVerified}, below the strength policy {BelowPolicy}")]
    private static partial void LogAccepted(ILogger logger, string action, string userId, bool emailVerified, bool belowPolicy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}'s legacy password is below the strength policy, but trusted_metadata has no room for {Key}")]
    private static partial void LogNoRoomForBelowPolicyMark(ILogger logger, string userId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy password matched, but the user could not be stored: {ErrorType}")]
    private static partial void LogNotStored(ILogger logger, string errorType);
}
