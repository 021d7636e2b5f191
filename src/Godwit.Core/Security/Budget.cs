namespace Godwit.Core.Security;

/// <summary>
/// How much of something one subject has used in the current window: guesses at the codes sent to
/// an address, password guesses at an email without a password, messages sent to an address or a
/// phone-number prefix. Kept in the database so every Godwit process sharing it spends one budget.
/// </summary>
public sealed class Budget
{
    /// <summary>What is counted and for whom, such as <c>otp-guesses:email-live-…</c>.</summary>
    public required string Key { get; init; }

    /// <summary>When the current window began; it ends one window length later.</summary>
    public DateTime WindowStartedAt { get; set; }

    public int Used { get; set; }
}

/// <summary>Whether a use was granted, and when to come back if not.</summary>
public readonly record struct BudgetAnswer(bool Granted, TimeSpan RetryAfter)
{
    public static readonly BudgetAnswer Yes = new(true, TimeSpan.Zero);
}

public interface IBudgetStore
{
    /// <summary>
    /// Takes one use of the budget <paramref name="key"/> if fewer than <paramref name="limit"/>
    /// were taken in the current window (a window older than <paramref name="window"/> starts afresh).
    /// One conditional statement decides, so parallel requests never take more than the limit.
    /// </summary>
    Task<BudgetAnswer> TryTakeAsync(string key, int limit, TimeSpan window, DateTime now, CancellationToken cancellationToken);

    /// <summary>Returns one use, for an attempt that turned out not to count (a right guess).</summary>
    Task GiveBackAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes budgets whose window began before <paramref name="startedBefore"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTime startedBefore, CancellationToken cancellationToken);
}
