using Godwit.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Events;

internal sealed class EfEventStore(GodwitDbContext db) : IEventStore
{
    public void Add(GodwitEvent recorded) => db.PendingEvents.Add(recorded);

    public bool HasPending => db.PendingEvents.Count > 0;

    public async Task SavePendingAsync(CancellationToken cancellationToken)
    {
        // Anything else still pending belongs to a change that was never saved; only the events go.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
        {
            entry.State = EntityState.Detached;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<EventPage> ListAsync(EventFilter filter, EventCursor? after, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<GodwitEvent>().AsNoTracking();
        if (filter.UserId is { } userId)
        {
            query = query.Where(e => e.UserId == userId);
        }

        if (filter.Types is { Count: > 0 } types)
        {
            query = query.Where(e => types.Contains(e.Type));
        }

        if (filter.Since is { } since)
        {
            query = query.Where(e => e.OccurredAt >= since);
        }

        if (filter.Until is { } until)
        {
            query = query.Where(e => e.OccurredAt < until);
        }

        if (after is { } cursor)
        {
            query = query.Where(e => e.OccurredAt > cursor.OccurredAt || (e.OccurredAt == cursor.OccurredAt && string.Compare(e.EventId, cursor.EventId) > 0));
        }

        var rows = await query.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId).Take(limit + 1).ToListAsync(cancellationToken);
        if (rows.Count <= limit)
        {
            return new EventPage(rows, null);
        }

        rows.RemoveAt(limit);
        var last = rows[^1];
        return new EventPage(rows, new EventCursor(last.OccurredAt, last.EventId));
    }

    public async Task<int> PruneAsync(DateTime before, int batch, CancellationToken cancellationToken)
    {
        var oldest = db.Set<GodwitEvent>().Where(e => e.OccurredAt < before).OrderBy(e => e.OccurredAt).Select(e => e.EventId).Take(batch);
        return await db.Set<GodwitEvent>().Where(e => oldest.Contains(e.EventId)).ExecuteDeleteAsync(cancellationToken);
    }
}
