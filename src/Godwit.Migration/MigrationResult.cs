namespace Godwit.Migration;

/// <summary>What the migration step did for one login.</summary>
public enum MigrationOutcome
{
    /// <summary>The application's user already held this Godwit user id.</summary>
    AlreadyLinked,

    /// <summary>An existing application user, found by a provider subject or a verified address, now holds the Godwit user id.</summary>
    Linked,

    /// <summary>No application user matched: a new one was created with the Godwit user id (a sign-up).</summary>
    Created,

    /// <summary>
    /// The application's user got its Godwit user from a backfill (<c>MigrationBackfill</c>, <c>godwit
    /// backfill</c>): created in Godwit for it, or found there by its external_id or a verified address.
    /// </summary>
    Backfilled,

    /// <summary>The application's user, just signed up in the application, got its Godwit user at once (<c>MigrationDualWrite</c>).</summary>
    DualWritten,
}

/// <summary>How the application's user was found.</summary>
public enum MatchedBy
{
    /// <summary>By the Godwit user id stored on it.</summary>
    GodwitUserId,

    /// <summary>By one of the Godwit user's verified email addresses.</summary>
    Email,

    /// <summary>By one of the Godwit user's verified phone numbers.</summary>
    PhoneNumber,

    /// <summary>Not found: the user was created (at login in the application, by a backfill in Godwit).</summary>
    None,

    /// <summary>A Godwit user whose external_id is the application user's id (an earlier backfill or an import made it).</summary>
    ExternalId,

    /// <summary>
    /// By the subject of one of the Godwit user's provider registrations (a social login's account id),
    /// which the application stored for its user.
    /// </summary>
    ProviderSubject,
}

/// <summary>The application's user for a login, and how it was reached.</summary>
/// <param name="ApplicationUserId">The application user's primary key, as text.</param>
/// <param name="GodwitUserId">The Godwit user id now stored on it.</param>
/// <param name="Outcome">Already linked, linked now, or created now.</param>
/// <param name="MatchedBy">What found it.</param>
public record MigrationResult(string ApplicationUserId, string GodwitUserId, MigrationOutcome Outcome, MatchedBy MatchedBy)
{
    /// <summary>The provider (such as <c>Google</c>) whose subject found the user, with <see cref="MatchedBy.ProviderSubject"/>; else null.</summary>
    public string? ProviderType { get; init; }
}

/// <summary>The application's user for a login, with the user itself.</summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
/// <param name="User">The application's user.</param>
/// <param name="ApplicationUserId">The application user's primary key, as text.</param>
/// <param name="GodwitUserId">The Godwit user id now stored on it.</param>
/// <param name="Outcome">Already linked, linked now, or created now.</param>
/// <param name="MatchedBy">What found it.</param>
public sealed record MigrationResult<TUser>(TUser User, string ApplicationUserId, string GodwitUserId, MigrationOutcome Outcome, MatchedBy MatchedBy)
    : MigrationResult(ApplicationUserId, GodwitUserId, Outcome, MatchedBy);

/// <summary>One outcome, as the store records it next to the change it describes.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="MatchedBy">What found the application's user.</param>
/// <param name="GodwitUserId">The Godwit user who logged in.</param>
public sealed record MigrationRecord(DateTimeOffset OccurredAt, MigrationOutcome Outcome, MatchedBy MatchedBy, string GodwitUserId)
{
    /// <summary>
    /// The provider (such as <c>Google</c>): whose subject found the user, with
    /// <see cref="MatchedBy.ProviderSubject"/>; or, for <see cref="MigrationOutcome.Created"/>, of the
    /// Godwit user's first provider registration, which matched no application user. Otherwise null.
    /// </summary>
    public string? ProviderType { get; init; }
}
