using Godwit.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Security;

internal sealed class EfBudgetStore(GodwitDbContext db) : IBudgetStore
{
    public async Task<BudgetAnswer> TryTakeAsync(string key, int limit, TimeSpan window, DateTime now, CancellationToken cancellationToken)
    {
        var expiredBefore = now - window;
        // One upsert whose WHERE refuses the use at the limit: the row count it returns decides, so
        // parallel requests (in any process) cannot take more than the limit between a read and a
        // write. SQLite (3.35+) and PostgreSQL share this syntax.
        var taken = await db.Database.SqlQuery<int>($"""
            INSERT INTO budgets (key, window_started_at, used) VALUES ({key}, {now}, 1)
            ON CONFLICT (key) DO UPDATE SET
                used = CASE WHEN budgets.window_started_at <= {expiredBefore} THEN 1 ELSE budgets.used + 1 END,
                window_started_at = CASE WHEN budgets.window_started_at <= {expiredBefore} THEN {now} ELSE budgets.window_started_at END
            WHERE budgets.window_started_at <= {expiredBefore} OR budgets.used < {limit}
            RETURNING used AS "Value"
            """).ToListAsync(cancellationToken);
        if (taken.Count == 1)
        {
            return BudgetAnswer.Yes;
        }

        var started = await db.Budgets.Where(b => b.Key == key).Select(b => (DateTime?)b.WindowStartedAt).FirstOrDefaultAsync(cancellationToken);
        var retryAfter = (started ?? now) + window - now;
        return new BudgetAnswer(false, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1));
    }

    public Task GiveBackAsync(string key, CancellationToken cancellationToken) =>
        db.Budgets.Where(b => b.Key == key && b.Used > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.Used, b => b.Used - 1), cancellationToken);

    public Task<int> PruneAsync(DateTime startedBefore, CancellationToken cancellationToken) =>
        db.Budgets.Where(b => b.WindowStartedAt < startedBefore).ExecuteDeleteAsync(cancellationToken);
}
