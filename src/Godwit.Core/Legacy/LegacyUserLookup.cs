using System.Diagnostics;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Users;
using Godwit.Core.Users.Creation;
using Microsoft.Extensions.Logging;

namespace Godwit.Core.Legacy;

/// <summary>
/// People the legacy system knows and Godwit does not hold yet. With
/// <c>Godwit:Migration:LegacyUserLookupHook</c> set, a password reset start for an unknown email (as
/// Cognito's forgot-password migration trigger) and a passwordless sign-up ask the hook, and its
/// match creates the person from the profile it answers. It only ever creates: an address Godwit
/// holds is never looked up, and a user someone else stored meanwhile is taken as it is, never
/// merged with the legacy profile. The profile passes the same new-user rules as Create User.
/// </summary>
public sealed partial class LegacyUserLookup(
    ILegacyUserLookupHook hook,
    IUserStore users,
    UserService userService,
    LegacySystemOptions options,
    EventLog events,
    ILogger<LegacyUserLookup> logger)
{
    /// <summary>
    /// The user of an email Godwit did not hold, created active from the legacy system's profile
    /// (the email verified only on its word); or, when a concurrent request stored the email first,
    /// that request's user; or null when the legacy system does not vouch, fails, or vouches with
    /// a profile Godwit cannot store, which the caller answers as for any unknown email.
    /// </summary>
    public async Task<User?> CreateForResetAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        if (!options.UserLookupHookEnabled)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var verdict = await hook.LookUpAsync(AddressKind.Email, normalizedEmail, cancellationToken);
        if (verdict.Kind != LegacyVerdictKind.Match)
        {
            events.RecordLegacyHookCalled("user_lookup", LegacyPasswordLogin.OutcomeOf(verdict.Kind), null, started);
            return null;
        }

        var created = await CreateAsync(AddressKind.Email, normalizedEmail, verdict.Profile!, UserStatus.Active, verdict.Profile!.EmailVerified, cancellationToken);
        // After the save, which clears what is pending when it is refused: the call happened either way.
        events.RecordLegacyHookCalled("user_lookup", "match", created.Succeeded ? created.Value.UserId : null, started);
        if (created.Succeeded)
        {
            return created.Value;
        }

        // Two reset starts for one unknown email at once: a unique index (the email's, or the
        // external_id's, whichever the database checks first) let the other create the person,
        // and this one sends its link to that user as it is. When nobody holds the email, the
        // profile could not be stored, and the email is as unknown as before.
        return await users.FindByEmailAsync(normalizedEmail, cancellationToken);
    }

    /// <summary>
    /// The new user of an address signing up by magic link or passcode, made from the legacy
    /// system's profile; <c>duplicate_email</c> or <c>duplicate_phone_number</c> when a concurrent
    /// request stored the address first; null when there is no profile to make it from (no hook, no
    /// match, a failure, a profile Godwit cannot store), and the caller creates the user without
    /// one: the legacy system never stands in the way of a sign-up.
    /// </summary>
    public async Task<Result<User>?> CreateForSignupAsync(AddressKind kind, string address, UserStatus status, CancellationToken cancellationToken)
    {
        if (!options.UserLookupHookEnabled)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var verdict = await hook.LookUpAsync(kind, address, cancellationToken);
        if (verdict.Kind == LegacyVerdictKind.Failed)
        {
            LogSignupWithoutProfile(logger, verdict.Reason);
        }

        if (verdict.Kind != LegacyVerdictKind.Match)
        {
            events.RecordLegacyHookCalled("user_lookup", LegacyPasswordLogin.OutcomeOf(verdict.Kind), null, started);
            return null;
        }

        // The sign-up's own link or code proves the address moments later; until then the
        // legacy system's word on it is not needed, so the address starts unverified as any sign-up's.
        var created = await CreateAsync(kind, address, verdict.Profile!, status, emailVerified: false, cancellationToken);
        events.RecordLegacyHookCalled("user_lookup", "match", created.Succeeded ? created.Value.UserId : null, started);
        return created.Succeeded || IsAddressTaken(created.Error!) ? created : (Result<User>?)null;
    }

    private async Task<Result<User>> CreateAsync(
        AddressKind kind, string address, LegacyProfile profile, UserStatus status, bool emailVerified, CancellationToken cancellationToken)
    {
        // The address is always the one asked about, never one from the answer.
        var fields = new NewUserFields(kind == AddressKind.Email ? address : null, kind == AddressKind.Phone ? address : null)
        {
            Name = profile.Name,
            TrustedMetadata = profile.TrustedMetadata,
            UntrustedMetadata = profile.UntrustedMetadata,
            ExternalId = profile.ExternalId,
            EmailVerified = emailVerified,
            Status = status,
        };
        var prepared = await userService.PrepareNewAsync(fields, cancellationToken);
        if (prepared.Succeeded)
        {
            events.RecordCreated(prepared.Value, "legacy_user_lookup");
        }

        var error = prepared.Succeeded ? await users.SaveAsync(cancellationToken) : prepared.Error;
        if (error is not null)
        {
            if (!IsAddressTaken(error))
            {
                // A validation failure adds nothing to the store, and a failed save clears it:
                // no part of this profile is written.
                LogProfileNotStored(logger, error.ErrorType);
            }

            return error;
        }

        var user = prepared.Value;
        LogCreated(logger, user.UserId, kind == AddressKind.Email ? "email" : "phone number", emailVerified);
        return user;
    }

    private static bool IsAddressTaken(ApiError error) => error == ErrorCatalog.DuplicateEmail || error == ErrorCatalog.DuplicatePhoneNumber;

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy user lookup matched: created user {UserId} by {AddressKind}, email verified {EmailVerified}")]
    private static partial void LogCreated(ILogger logger, string userId, string addressKind, bool emailVerified);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy user lookup matched, but its profile could not be stored ({ErrorType}); nothing of it was written")]
    private static partial void LogProfileNotStored(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy user lookup failed during a sign-up ({Reason}); the user is created without a legacy profile")]
    private static partial void LogSignupWithoutProfile(ILogger logger, string reason);
}
