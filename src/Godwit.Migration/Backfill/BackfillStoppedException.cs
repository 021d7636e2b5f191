namespace Godwit.Migration.Backfill;

/// <summary>
/// A backfill gave up because user after user failed for a reason that is not theirs (Godwit or the
/// database unreachable). Users linked so far stay linked; the next run goes on from there.
/// </summary>
public sealed class BackfillStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BackfillStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
