using System.Text.Json;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Godwit.Core.Events;
using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;
using Godwit.Core.Users;
using Microsoft.Extensions.Logging;

namespace Godwit.Core.Legacy;

public enum HeldPasswordVerdict
{
    /// <summary>The password is right: Godwit's copy matches and the legacy system agreed, was not asked, or could not answer.</summary>
    Right,

    /// <summary>The legacy system accepted a password Godwit's copy does not match: it was changed there, and Godwit follows.</summary>
    ChangedInLegacy,

    /// <summary>The password is wrong; during the overlap, because the legacy system said so.</summary>
    Wrong,

    /// <summary>The legacy system accepted another password without vouching for an email the user proved here.</summary>
    Unvouched,
}

/// <summary>
/// While both systems run (until <c>Godwit:Migration:LegacyAuthoritativeUntil</c>), people can still
/// change their password in the legacy app, so the legacy system stays the authority for passwords
/// Godwit already holds: it is asked at every password login, and Godwit's copy follows its answer.
/// A password set through Godwit during the overlap is Godwit's own: the user is marked in
/// trusted_metadata, and the legacy system, which never saw that password, is no longer asked.
/// </summary>
public sealed partial class LegacyPasswordAuthority(
    ILegacyPasswordHook hook,
    IUserStore users,
    IPasswordStore passwords,
    DefaultPasswordHasher hasher,
    HashingGate gate,
    PasswordStrengthChecker strength,
    LegacySystemOptions options,
    EventLog events,
    TimeProvider clock,
    ILogger<LegacyPasswordAuthority> logger)
{
    /// <summary>Set to true in trusted_metadata when a password is set or reset through Godwit during the overlap.</summary>
    public const string SetInGodwitKey = "godwit_password_set_in_godwit";

    /// <summary>True while both systems run: the hook is set and the cut-over has not come.</summary>
    public bool Overlapping => options.PasswordHookEnabled && options.AuthoritativeUntil is { } until && clock.GetUtcNow() < until;

    /// <summary>True when the legacy system decides this user's password: Godwit holds one that was not set through Godwit.</summary>
    public bool Decides(User user) => user.Password is not null && Overlapping && !IsSetInGodwit(user.TrustedMetadata);

    /// <summary>
    /// Checks Godwit's copy and asks the legacy system, both every time, so that every answer costs
    /// one hash check and one hook call. The caller has already counted this guess towards the lock.
    /// </summary>
    public async Task<HeldPasswordVerdict> JudgeAsync(User user, string normalizedEmail, string password, StoredPasswordHash held, CancellationToken cancellationToken)
    {
        // Godwit's copy first: when hashing is overloaded the login is refused before the legacy
        // system is asked, and the guess is given back.
        var matchesHeld = await gate.RunAsync(() => held.Verify(password), cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var legacy = await hook.VerifyAsync(normalizedEmail, password, cancellationToken);
        // Changes nothing of its own: the end of the request commits it.
        events.RecordLegacyHookCalled("password", LegacyPasswordLogin.OutcomeOf(legacy.Kind), user.UserId, started);
        switch (legacy.Kind)
        {
            case LegacyVerdictKind.Match when matchesHeld:
                return HeldPasswordVerdict.Right;
            case LegacyVerdictKind.Match when user.Emails.First(e => e.Address == normalizedEmail).Verified && !legacy.Profile!.EmailVerified:
                // As for a user without a password: whoever holds a legacy account under this address
                // never proved it there, while the user proved it here.
                LogUnvouchedChange(logger, user.UserId);
                return HeldPasswordVerdict.Unvouched;
            case LegacyVerdictKind.Match:
                return HeldPasswordVerdict.ChangedInLegacy;
            case LegacyVerdictKind.NoMatch:
                if (matchesHeld)
                {
                    // Godwit's copy is an old password: the person changed it in the legacy app.
                    LogOldPasswordRefused(logger, user.UserId);
                }

                return HeldPasswordVerdict.Wrong;
            default:
                // Unreachable, timed out or circuit open: Godwit's copy was the legacy password when
                // the legacy system last vouched for it (or exported it), so the login is exactly
                // what it would be without the overlap, and the legacy system's outage is not Godwit's.
                LogFellBack(logger, user.UserId);
                return matchesHeld ? HeldPasswordVerdict.Right : HeldPasswordVerdict.Wrong;
        }
    }

    /// <summary>
    /// Makes Godwit's copy the password the legacy system just accepted, unless a reset through
    /// Godwit replaced the copy meanwhile (then that reset stands), so the changed password still
    /// works after the cut-over.
    /// </summary>
    public async Task FollowAsync(User user, UserPassword stored, string normalizedEmail, string password, CancellationToken cancellationToken)
    {
        var hash = await gate.RunAsync(() => hasher.Hash(password), cancellationToken);
        var followed = () => events.RecordPassword(EventTypes.PasswordReset, user, new JsonObject { ["method"] = "legacy_system", ["hash_type"] = hash.HashType });
        if (!await passwords.TryReplaceHashAsync(stored.PasswordId, stored.Hash, hash.HashType, hash.Serialize(), clock.GetUtcNow().UtcDateTime, followed, cancellationToken))
        {
            return;
        }

        // The below-policy mark describes the password it came with, so it is judged again.
        var belowPolicy = !strength.TryCheck(password, normalizedEmail, out var judged) || !judged.Valid;
        var metadata = belowPolicy
            ? LegacyPasswordLogin.WithBelowPolicyMark(user.TrustedMetadata) ?? user.TrustedMetadata
            : LegacyPasswordLogin.WithoutBelowPolicyMark(user.TrustedMetadata);
        if (metadata != user.TrustedMetadata)
        {
            user.TrustedMetadata = metadata;
            // Only the mark changes here; if the save loses to a concurrent update, that update stands.
            _ = await users.SaveAsync(cancellationToken);
        }

        LogFollowed(logger, user.UserId, belowPolicy);
    }

    /// <summary>
    /// For every password set through Godwit (sign-up, any reset): during the overlap the user is
    /// marked, so the legacy system, which does not know this password, is no longer asked for them.
    /// </summary>
    public void MarkSetInGodwit(User user)
    {
        if (!Overlapping || IsSetInGodwit(user.TrustedMetadata))
        {
            return;
        }

        var marked = Metadata.Merge(user.TrustedMetadata, new JsonObject { [SetInGodwitKey] = true });
        if (Metadata.FitsLimit(marked))
        {
            user.TrustedMetadata = marked;
        }
        else
        {
            LogNoRoomForMark(logger, user.UserId, SetInGodwitKey);
        }
    }

    private static bool IsSetInGodwit(string trustedMetadata) =>
        trustedMetadata.Contains(SetInGodwitKey, StringComparison.Ordinal)
        && Metadata.Parse(trustedMetadata).TryGetProperty(SetInGodwitKey, out var mark)
        && mark.ValueKind == JsonValueKind.True;

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId}'s password was changed in the legacy system; Godwit's copy follows it (below the strength policy {BelowPolicy})")]
    private static partial void LogFollowed(ILogger logger, string userId, bool belowPolicy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The legacy system refused a password Godwit's copy of user {UserId}'s password matches: an old password, changed in the legacy app; refused")]
    private static partial void LogOldPasswordRefused(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The legacy system accepted another password for user {UserId}, whose email is verified in Godwit, without vouching for the email; refused")]
    private static partial void LogUnvouchedChange(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The legacy password hook could not answer; user {UserId}'s password was checked against Godwit's copy")]
    private static partial void LogFellBack(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} set a password through Godwit, but trusted_metadata has no room for {Key}: the legacy system still decides their password until the cut-over")]
    private static partial void LogNoRoomForMark(ILogger logger, string userId, string key);
}
