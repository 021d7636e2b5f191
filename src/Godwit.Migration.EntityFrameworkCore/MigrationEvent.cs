namespace Godwit.Migration.EntityFrameworkCore;

/// <summary>
/// One row of <c>godwit_migration_events</c>: a person linked or created at login, a user given its
/// Godwit user by a backfill or a dual write (and, when asked for, each repeat login). The table
/// belongs to the library; it lives in the application's database so that an outcome and the change
/// it describes commit together.
/// </summary>
public sealed class MigrationEvent
{
    /// <summary>A version-7 UUID, so rows arrive roughly in index order.</summary>
    public Guid Id { get; set; }

    /// <summary>When, in UTC.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>The UTC day of <see cref="OccurredAt"/>, which the statistics group by.</summary>
    public DateOnly Day { get; set; }

    /// <summary><c>linked</c>, <c>created</c>, <c>backfilled</c>, <c>dual_written</c> or <c>already_linked</c>.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>
    /// <c>godwit_user_id</c>, <c>email</c>, <c>phone_number</c>, <c>external_id</c>, <c>none</c>, or
    /// <c>oauth:</c> and the provider type (<c>oauth:Google</c>): linked by that provider's subject, or,
    /// for <c>created</c>, a Godwit user who arrived with that provider and matched nobody.
    /// </summary>
    public string MatchedBy { get; set; } = "";

    /// <summary>The Godwit user who logged in.</summary>
    public string GodwitUserId { get; set; } = "";

    /// <summary>The application user's primary key, as text.</summary>
    public string ApplicationUserId { get; set; } = "";

    internal static string OutcomeName(MigrationOutcome outcome) => outcome switch
    {
        MigrationOutcome.Linked => "linked",
        MigrationOutcome.Created => "created",
        MigrationOutcome.Backfilled => "backfilled",
        MigrationOutcome.DualWritten => "dual_written",
        _ => "already_linked",
    };

    internal static string MatchedByName(MatchedBy matchedBy) => matchedBy switch
    {
        Migration.MatchedBy.GodwitUserId => "godwit_user_id",
        Migration.MatchedBy.Email => "email",
        Migration.MatchedBy.PhoneNumber => "phone_number",
        Migration.MatchedBy.ExternalId => "external_id",
        Migration.MatchedBy.ProviderSubject => "oauth",
        _ => "none",
    };

    /// <summary>What <see cref="MatchedBy"/> starts with for a provider subject or a social sign-up.</summary>
    internal const string OAuthPrefix = "oauth:";

    // The column holds 16 characters; every built-in provider type fits after the prefix.
    private const int MatchedByLength = 16;

    internal static string MatchedByName(MigrationRecord record) =>
        record.ProviderType is { Length: > 0 } provider && record.MatchedBy is Migration.MatchedBy.ProviderSubject or Migration.MatchedBy.None
            ? (OAuthPrefix + provider)[..Math.Min(MatchedByLength, OAuthPrefix.Length + provider.Length)]
            : MatchedByName(record.MatchedBy);

    internal static MigrationEvent From(MigrationRecord record, string applicationUserId)
    {
        var at = record.OccurredAt.UtcDateTime;
        return new MigrationEvent
        {
            Id = Guid.CreateVersion7(record.OccurredAt),
            OccurredAt = at,
            Day = DateOnly.FromDateTime(at),
            Outcome = OutcomeName(record.Outcome),
            MatchedBy = MatchedByName(record),
            GodwitUserId = record.GodwitUserId,
            ApplicationUserId = applicationUserId,
        };
    }
}
