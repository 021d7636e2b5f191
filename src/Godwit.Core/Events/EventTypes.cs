namespace Godwit.Core.Events;

/// <summary>
/// Every event type Godwit records, named <c>subject.what_happened</c>. Webhook endpoints filter on
/// these names, so they are part of the API: add, never rename.
/// </summary>
public static class EventTypes
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserDeleted = "user.deleted";
    public const string UserImported = "user.imported";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";

    public const string EmailAdded = "email.added";
    public const string EmailVerified = "email.verified";
    public const string EmailRemoved = "email.removed";
    public const string PhoneAdded = "phone.added";
    public const string PhoneVerified = "phone.verified";
    public const string PhoneRemoved = "phone.removed";

    public const string PasswordCreated = "password.created";
    public const string PasswordMigrated = "password.migrated";
    public const string PasswordUpgraded = "password.upgraded";
    public const string PasswordReset = "password.reset";
    public const string PasswordDeleted = "password.deleted";

    /// <summary>The legacy password or user-lookup hook was asked: outcome and latency, never the password.</summary>
    public const string LegacyHookCalled = "legacy_hook.called";

    public const string SessionCreated = "session.created";
    public const string SessionMigrated = "session.migrated";
    public const string SessionRevoked = "session.revoked";
    public const string SessionExpired = "session.expired";

    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";

    public const string MfaEnrolled = "mfa.enrolled";
    public const string MfaRemoved = "mfa.removed";

    public const string OAuthLinked = "oauth.linked";
    public const string OAuthUnlinked = "oauth.unlinked";

    /// <summary>An outcome of the rolling-migration step, reported by the application's library.</summary>
    public const string MigrationReported = "migration.reported";

    /// <summary>Console access granted by <c>godwit admin create</c>.</summary>
    public const string AdminCreated = "admin.created";

    /// <summary>An admin signed in to, or out of, the console; the admin is the actor.</summary>
    public const string AdminSignedIn = "admin.signed_in";
    public const string AdminSignedOut = "admin.signed_out";

    /// <summary>A console action that no other event describes (sending an email, redelivering a webhook).</summary>
    public const string AdminAction = "admin.action";

    public const string ImportStarted = "import.started";
    public const string ImportFinished = "import.finished";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        UserCreated, UserUpdated, UserDeleted, UserImported, UserLocked, UserUnlocked,
        EmailAdded, EmailVerified, EmailRemoved, PhoneAdded, PhoneVerified, PhoneRemoved,
        PasswordCreated, PasswordMigrated, PasswordUpgraded, PasswordReset, PasswordDeleted,
        LegacyHookCalled,
        SessionCreated, SessionMigrated, SessionRevoked, SessionExpired,
        LoginSucceeded, LoginFailed,
        MfaEnrolled, MfaRemoved,
        OAuthLinked, OAuthUnlinked,
        MigrationReported,
        AdminCreated, AdminSignedIn, AdminSignedOut, AdminAction,
        ImportStarted, ImportFinished,
    };
}
