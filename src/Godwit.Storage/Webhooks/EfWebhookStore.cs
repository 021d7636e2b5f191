using System.Runtime.CompilerServices;
using Godwit.Core.Events;
using Godwit.Core.Webhooks;
using Godwit.Storage.Events;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Webhooks;

internal sealed class EfWebhookStore(GodwitDbContext db) : IWebhookStore
{
    /// <summary>
    /// PostgreSQL skips rows another process has locked, so processes share the work instead of
    /// queueing behind each other; SQLite admits one writer, whose single statement is atomic.
    /// </summary>
    private string Lock => IsPostgres ? " FOR UPDATE SKIP LOCKED" : "";

    // Locks only the deliveries claimed, not the endpoint rows joined to them, which would make other
    // processes skip every delivery of that endpoint until this claim commits.
    private string DeliveryLock => IsPostgres ? " FOR UPDATE OF d SKIP LOCKED" : "";

    private bool IsPostgres => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public async Task AddEndpointAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        db.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(endpoint).State = EntityState.Detached;
    }

    public Task<WebhookEndpoint?> FindEndpointAsync(string endpointId, CancellationToken cancellationToken) =>
        db.Set<WebhookEndpoint>().AsNoTracking().FirstOrDefaultAsync(e => e.EndpointId == endpointId, cancellationToken);

    public async Task<IReadOnlyList<WebhookEndpoint>> ListEndpointsAsync(CancellationToken cancellationToken) =>
        await db.Set<WebhookEndpoint>().AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.EndpointId).ToListAsync(cancellationToken);

    public Task<int> CountEndpointsAsync(CancellationToken cancellationToken) => db.Set<WebhookEndpoint>().CountAsync(cancellationToken);

    public Task UpdateEndpointAsync(WebhookEndpoint endpoint, bool resumeDeliveries, CancellationToken cancellationToken) =>
        db.InWriteTransactionAsync(async token =>
        {
            db.Update(endpoint);
            await db.SaveChangesAsync(token);
            db.Entry(endpoint).State = EntityState.Detached;
            if (resumeDeliveries)
            {
                await db.Set<WebhookDelivery>()
                    .Where(d => d.EndpointId == endpoint.EndpointId && d.Status == WebhookDeliveryStatus.Pending)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, endpoint.UpdatedAt), token);
            }
        }, cancellationToken);

    public async Task<bool> DeleteEndpointAsync(string endpointId, CancellationToken cancellationToken) =>
        await db.Set<WebhookEndpoint>().Where(e => e.EndpointId == endpointId).ExecuteDeleteAsync(cancellationToken) > 0;

    public async Task<int> FanOutAsync(int batch, DateTime now, CancellationToken cancellationToken)
    {
        // With no endpoint the outbox is left alone (the event log's retention takes its rows with the
        // events), so a project without webhooks does no work for them.
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking().ToListAsync(cancellationToken);
        if (endpoints.Count == 0)
        {
            return 0;
        }

        var taken = 0;
        await db.InWriteTransactionAsync(async token =>
        {
            // Deleting the rows is the claim: another process's statement skips (PostgreSQL) or waits
            // for (SQLite) them, and finds them gone; a rollback puts them back.
            var eventIds = await db.Database.SqlQuery<string>(Sql(
                $"DELETE FROM event_outbox WHERE event_id IN (SELECT event_id FROM event_outbox ORDER BY occurred_at, event_id LIMIT {{0}}{Lock}) RETURNING event_id AS \"Value\"",
                batch)).ToListAsync(token);
            taken = eventIds.Count;
            if (taken == 0)
            {
                return;
            }

            var events = await db.Set<GodwitEvent>().AsNoTracking().Where(e => eventIds.Contains(e.EventId))
                .Select(e => new { e.EventId, e.Type, e.UserId, e.OccurredAt }).ToListAsync(token);
            // Disabled endpoints get deliveries too, which wait until it is enabled again; an endpoint
            // gets only the events that happened after it was created.
            var deliveries = events.SelectMany(e => endpoints.Where(endpoint => endpoint.Wants(e.Type) && endpoint.CreatedAt <= e.OccurredAt).Select(endpoint => new WebhookDelivery
            {
                DeliveryId = Core.Users.PrefixedId.New(WebhookDelivery.IdPrefix),
                EndpointId = endpoint.EndpointId,
                EventId = e.EventId,
                UserId = e.UserId,
                OccurredAt = e.OccurredAt,
                NextAttemptAt = now,
                CreatedAt = now,
            })).ToList();
            db.AddRange(deliveries);
            await db.SaveChangesAsync(token);
            foreach (var delivery in deliveries)
            {
                db.Entry(delivery).State = EntityState.Detached;
            }
        }, cancellationToken);
        return taken;
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string worker, DateTime now, DateTime claimedUntil, int batch, CancellationToken cancellationToken)
    {
        // A read first: the claim is a write, and on SQLite every idle round would otherwise take the
        // database's single write lock from the requests twice a second.
        if (!await db.Set<WebhookDelivery>().AnyAsync(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now, cancellationToken))
        {
            return [];
        }

        // Due, unclaimed (or claimed by a process that died), its endpoint enabled, and the oldest
        // pending one of its user at this endpoint, with nothing older of that user still in the outbox.
        List<string> claimed = [];
        await db.InWriteTransactionAsync(async token => claimed = await db.Database.SqlQuery<string>(Sql($$"""
            UPDATE webhook_deliveries SET claimed_until = {0}, claimed_by = {1}
            WHERE delivery_id IN (
                SELECT d.delivery_id FROM webhook_deliveries d
                JOIN webhook_endpoints w ON w.endpoint_id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= {2}
                  AND (d.claimed_until IS NULL OR d.claimed_until < {2})
                  AND w.enabled
                  AND (d.user_id IS NULL OR NOT EXISTS (
                      SELECT 1 FROM webhook_deliveries o
                      WHERE o.endpoint_id = d.endpoint_id AND o.user_id = d.user_id AND o.status = 'pending'
                        AND (o.occurred_at < d.occurred_at OR (o.occurred_at = d.occurred_at AND o.event_id < d.event_id))))
                  AND (d.user_id IS NULL OR NOT EXISTS (
                      SELECT 1 FROM event_outbox x JOIN events v ON v.event_id = x.event_id
                      WHERE v.user_id = d.user_id AND x.occurred_at < d.occurred_at))
                ORDER BY d.next_attempt_at
                LIMIT {3}{{DeliveryLock}})
            RETURNING delivery_id AS "Value"
            """, claimedUntil, worker, now, batch)).ToListAsync(token), cancellationToken);
        if (claimed.Count == 0)
        {
            return [];
        }

        var rows = await (
            from d in db.Set<WebhookDelivery>().AsNoTracking()
            join w in db.Set<WebhookEndpoint>().AsNoTracking() on d.EndpointId equals w.EndpointId
            join e in db.Set<GodwitEvent>().AsNoTracking() on d.EventId equals e.EventId
            where claimed.Contains(d.DeliveryId)
            select new { d.DeliveryId, d.Attempts, w.EndpointId, w.Url, w.SealedSecret, w.PreviousSealedSecret, w.PreviousSecretExpiresAt, Event = e })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Event.OccurredAt)
            .Select(r => new ClaimedDelivery(r.DeliveryId, r.Attempts, r.EndpointId, r.Url, r.SealedSecret, r.PreviousSealedSecret, r.PreviousSecretExpiresAt, r.Event))
            .ToList();
    }

    public Task RecordAttemptAsync(WebhookAttempt attempt, DeliveryOutcome outcome, CancellationToken cancellationToken) =>
        db.InWriteTransactionAsync(async token =>
        {
            var completedAt = outcome.Status == WebhookDeliveryStatus.Pending ? (DateTime?)null : outcome.CompletedAt;
            var updated = await db.Set<WebhookDelivery>()
                .Where(d => d.DeliveryId == outcome.DeliveryId && d.Status == WebhookDeliveryStatus.Pending)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(d => d.Status, outcome.Status)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.NextAttemptAt, outcome.RetryAt ?? outcome.CompletedAt)
                    .SetProperty(d => d.ClaimedUntil, (DateTime?)null)
                    .SetProperty(d => d.ClaimedBy, (string?)null)
                    .SetProperty(d => d.CompletedAt, completedAt), token);
            if (updated == 0)
            {
                // Deleted with its endpoint, or redelivered meanwhile: nothing left to record against.
                return;
            }

            db.Add(attempt);
            await db.SaveChangesAsync(token);
            db.Entry(attempt).State = EntityState.Detached;
            if (outcome.DisabledReason is { } reason)
            {
                await db.Set<WebhookEndpoint>().Where(e => e.EndpointId == outcome.EndpointId)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(e => e.Enabled, false)
                        .SetProperty(e => e.DisabledReason, reason)
                        .SetProperty(e => e.UpdatedAt, outcome.CompletedAt), token);
            }
        }, cancellationToken);

    public async Task<DeliveryPage> ListDeliveriesAsync(string endpointId, string? afterDeliveryId, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == endpointId);
        if (afterDeliveryId is not null)
        {
            query = query.Where(d => string.Compare(d.DeliveryId, afterDeliveryId) < 0);
        }

        // Delivery ids are UUIDv7: newest first is descending id order.
        var rows = await (
            from d in query
            join e in db.Set<GodwitEvent>().AsNoTracking() on d.EventId equals e.EventId
            orderby d.DeliveryId descending
            select new { Delivery = d, e.Type })
            .Take(limit + 1).ToListAsync(cancellationToken);
        var next = rows.Count > limit ? rows[limit - 1].Delivery.DeliveryId : null;
        rows = rows.Take(limit).ToList();
        var ids = rows.Select(r => r.Delivery.DeliveryId).ToList();
        var attempts = (await db.Set<WebhookAttempt>().AsNoTracking().Where(a => ids.Contains(a.DeliveryId))
            .OrderBy(a => a.AttemptedAt).ThenBy(a => a.AttemptId).ToListAsync(cancellationToken)).ToLookup(a => a.DeliveryId);
        return new DeliveryPage(rows.Select(r => new DeliveryWithAttempts(r.Delivery, r.Type, attempts[r.Delivery.DeliveryId].ToList())).ToList(), next);
    }

    public async Task<bool> RedeliverAsync(string endpointId, string deliveryId, DateTime now, CancellationToken cancellationToken) =>
        await db.Set<WebhookDelivery>()
            .Where(d => d.EndpointId == endpointId && d.DeliveryId == deliveryId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null)
                .SetProperty(d => d.ClaimedBy, (string?)null)
                .SetProperty(d => d.CompletedAt, (DateTime?)null), cancellationToken) == 1;

    public async Task<int> PruneAsync(DateTime before, int batch, CancellationToken cancellationToken)
    {
        var oldest = db.Set<WebhookDelivery>().Where(d => d.CompletedAt != null && d.CompletedAt < before)
            .OrderBy(d => d.CompletedAt).Select(d => d.DeliveryId).Take(batch);
        return await db.Set<WebhookDelivery>().Where(d => oldest.Contains(d.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<WebhookQueueStatistics> QueueStatisticsAsync(DateTime now, CancellationToken cancellationToken)
    {
        // Without an endpoint nothing waits: the outbox rows are left for the event log's retention.
        if (!await db.Set<WebhookEndpoint>().AnyAsync(cancellationToken))
        {
            return new WebhookQueueStatistics(0, 0, TimeSpan.Zero);
        }

        var outbox = db.Set<EventOutboxEntry>().AsNoTracking();
        var pending = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.Status == WebhookDeliveryStatus.Pending);
        var outboxDepth = await outbox.LongCountAsync(cancellationToken);
        var pendingCount = await pending.LongCountAsync(cancellationToken);
        var oldestOutbox = await outbox.MinAsync(e => (DateTime?)e.OccurredAt, cancellationToken);
        var oldestPending = await pending.MinAsync(d => (DateTime?)d.OccurredAt, cancellationToken);
        var oldest = new[] { oldestOutbox, oldestPending }.Where(t => t is not null).Min();
        var lag = oldest is { } at && at < now ? now - at : TimeSpan.Zero;
        return new WebhookQueueStatistics(outboxDepth, pendingCount, lag);
    }

    private static FormattableString Sql(string format, params object[] arguments) => FormattableStringFactory.Create(format, arguments);
}
