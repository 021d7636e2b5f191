namespace Godwit.Migration.Backfill;

/// <summary>The run's counts, added to from several users in flight at once.</summary>
internal sealed class BackfillTally(int maxConsecutiveFailures)
{
    private readonly Lock gate = new();
    private readonly List<ProvisionResult> failures = [];
    private long examined, created, linkedExisting, alreadyLinked;
    private int consecutiveBroken;

    public BackfillProgress Snapshot
    {
        get
        {
            lock (gate)
            {
                return new BackfillProgress(examined, created, linkedExisting, alreadyLinked, failures.Count);
            }
        }
    }

    public IReadOnlyList<ProvisionResult> Failures
    {
        get
        {
            lock (gate)
            {
                return [.. failures];
            }
        }
    }

    public void Add(ProvisionResult result)
    {
        lock (gate)
        {
            examined++;
            consecutiveBroken = 0;
            switch (result.Outcome)
            {
                case ProvisionOutcome.Created:
                    created++;
                    break;
                case ProvisionOutcome.LinkedExisting:
                    linkedExisting++;
                    break;
                case ProvisionOutcome.AlreadyLinked:
                    alreadyLinked++;
                    break;
                default:
                    failures.Add(result);
                    break;
            }
        }
    }

    /// <summary>A user that failed for a reason not its own; throws once too many did in a row.</summary>
    public void AddBroken(string applicationUserId, Exception exception)
    {
        lock (gate)
        {
            examined++;
            failures.Add(ProvisionResult.Failure(applicationUserId, "unavailable", exception.Message));
            if (++consecutiveBroken >= maxConsecutiveFailures)
            {
                throw new BackfillStoppedException(
                    $"The backfill stopped after {consecutiveBroken} users in a row failed; the last: {exception.Message} "
                    + "Nothing is lost: run it again once Godwit and the application's database answer.",
                    exception);
            }
        }
    }
}
