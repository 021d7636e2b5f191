namespace Godwit.Migration.Backfill;

/// <summary>Counts so far, reported after each user.</summary>
/// <param name="Examined">Application users taken up by this run.</param>
/// <param name="Created">Godwit users created and linked.</param>
/// <param name="LinkedExisting">Users linked to a Godwit user that already existed (an earlier run's, an import's, or the person's own).</param>
/// <param name="AlreadyLinked">Users someone else linked while the run was at them.</param>
/// <param name="Failed">Users left unlinked, with a reason.</param>
public sealed record BackfillProgress(long Examined, long Created, long LinkedExisting, long AlreadyLinked, long Failed);

/// <summary>A finished run.</summary>
/// <param name="Totals">The final counts.</param>
/// <param name="Failures">Every user left unlinked, in the order they failed, with the reason.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record BackfillResult(BackfillProgress Totals, IReadOnlyList<ProvisionResult> Failures, TimeSpan Elapsed);
