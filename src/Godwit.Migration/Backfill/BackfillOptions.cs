namespace Godwit.Migration.Backfill;

/// <summary>How fast a backfill goes.</summary>
public sealed class BackfillOptions
{
    /// <summary>
    /// The most API calls a second, lookups included (a user costs one call when it is created, two to
    /// four when Godwit has it already). Stytch asks migration scripts to stay under 65 a second.
    /// </summary>
    public double RequestsPerSecond { get; set; } = 50;

    /// <summary>The most users in flight at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Unlinked users read from the application's database per query.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// Stop after this many users in a row failed for a reason that is not the user's (Godwit
    /// unreachable, 5xx answers, time-outs), rather than walk every remaining user into the same wall.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 20;

    internal void Validate()
    {
        if (!(RequestsPerSecond > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(RequestsPerSecond), RequestsPerSecond, "The backfill's rate must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1, nameof(Concurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConsecutiveFailures, 1, nameof(MaxConsecutiveFailures));
    }
}
