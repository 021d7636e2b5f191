using System.Linq.Expressions;
using Godwit.Migration.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Migration.EntityFrameworkCore;

/// <summary>
/// The statistics query over any DbContext holding the application's users and
/// <c>godwit_migration_events</c>: what <see cref="IMigrationStats"/> answers, callable without
/// dependency injection (from a command-line tool, say).
/// </summary>
public static class MigrationStatistics
{
    /// <summary>Counts users and events.</summary>
    /// <param name="db">A context whose model called <c>UseGodwitMigration</c>.</param>
    /// <param name="godwitUserId">The property holding the Godwit user id.</param>
    /// <param name="days">How many UTC days, today included, to break down.</param>
    /// <param name="clock">Decides what today is.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static async Task<MigrationStats> GetAsync<TUser>(DbContext db, Expression<Func<TUser, string?>> godwitUserId, int days, TimeProvider clock, CancellationToken cancellationToken = default)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var users = db.Set<TUser>().AsNoTracking();
        var total = await users.LongCountAsync(cancellationToken);
        var linked = await users.LongCountAsync(UserExpressions.IsNotNull(godwitUserId), cancellationToken);

        var events = db.Set<MigrationEvent>().AsNoTracking();
        var byOutcome = await events.GroupBy(e => new { e.Outcome, e.MatchedBy })
            .Select(g => new { g.Key.Outcome, g.Key.MatchedBy, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1 - Math.Max(days, 1));
        var perDay = days == 0 ? [] : await events.Where(e => e.Day >= since)
            .GroupBy(e => new { e.Day, e.Outcome })
            .Select(g => new { g.Key.Day, g.Key.Outcome, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        long Count(string outcome) => byOutcome.Where(o => o.Outcome == outcome).Sum(o => o.Count);
        var breakdown = perDay.GroupBy(d => d.Day).OrderBy(g => g.Key).Select(g =>
        {
            long On(string outcome) => g.Where(d => d.Outcome == outcome).Sum(d => d.Count);
            return new MigrationDay(g.Key, On("linked"), On("created"), On("already_linked"))
            {
                Backfilled = On("backfilled"),
                DualWritten = On("dual_written"),
            };
        }).ToList();
        var social = byOutcome.Where(o => o.MatchedBy.StartsWith(MigrationEvent.OAuthPrefix, StringComparison.Ordinal) && o.Outcome is "linked" or "created")
            .GroupBy(o => o.MatchedBy[MigrationEvent.OAuthPrefix.Length..], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MigrationProvider(g.Key, g.Where(o => o.Outcome == "linked").Sum(o => o.Count), g.Where(o => o.Outcome == "created").Sum(o => o.Count)))
            .ToList();
        return new MigrationStats(total, linked, Count("linked"), Count("created"), total - linked, breakdown)
        {
            Backfilled = Count("backfilled"),
            DualWritten = Count("dual_written"),
            // "oauth" alone: a store of the application's own that linked by subject without naming the provider.
            LinkedByProviderSubject = byOutcome.Where(o => o.Outcome == "linked" && (o.MatchedBy == "oauth" || o.MatchedBy.StartsWith(MigrationEvent.OAuthPrefix, StringComparison.Ordinal))).Sum(o => o.Count),
            CreatedWithProvider = social.Sum(p => p.Created),
            Providers = social.Count == 0 ? Array.Empty<MigrationProvider>() : social,
        };
    }
}
