namespace Godwit.Migration;

/// <summary>How the migration step behaves.</summary>
public sealed class MigrationOptions
{
    /// <summary>
    /// After linking or creating, write the application's user id as the Godwit user's
    /// <c>external_id</c> (one more API call, once per person). A refusal (another Godwit user has
    /// that external_id) is logged and does not fail the login.
    /// </summary>
    public bool WriteExternalId { get; set; }

    /// <summary>
    /// Record every login of an already-linked person as an <c>already_linked</c> event too. Off by
    /// default: it turns every login into a write, where the migration otherwise costs one indexed read.
    /// </summary>
    public bool RecordRepeatLogins { get; set; }

    /// <summary>
    /// Report each outcome of the step to Godwit (<c>POST /v1/migration/outcomes</c>, a
    /// <c>migration.reported</c> event), in the background and best effort; needs <c>AddGodwitClient</c>.
    /// On by default.
    /// </summary>
    public bool ReportOutcomes { get; set; } = true;

    /// <summary>How long one report may take before it is given up (default 2 seconds); the login never waits for it.</summary>
    public TimeSpan ReportTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
