using Godwit.Core.Events;
using Godwit.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Tests.Events;

/// <summary>Events wait in the scope's context for its next save; contexts are pooled.</summary>
public abstract class PendingEventsContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_a_request_never_saved_is_not_written_by_the_next_request_that_borrows_its_context()
    {
        var orphan = Describe("user.created");
        await using (var failed = Database.Scope())
        {
            // A request recorded its change's event, then threw (or its client hung up) before saving.
            failed.ServiceProvider.GetRequiredService<IEventStore>().Add(orphan);
        }

        // Later requests save on contexts from the same pool, the abandoned one among them.
        for (var i = 0; i < 20; i++)
        {
            await using var later = Database.Scope();
            await later.ServiceProvider.GetRequiredService<GodwitDbContext>().SaveChangesAsync(Cancel);
        }

        Assert.Equal(0, await Count(orphan.EventId));
    }

    [Fact]
    public async Task An_event_commits_with_the_next_save_of_its_scope()
    {
        var recorded = Describe("user.updated");
        await using (var scope = Database.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IEventStore>().Add(recorded);
            await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().SaveChangesAsync(Cancel);
        }

        Assert.Equal(1, await Count(recorded.EventId));
    }

    private async Task<int> Count(string eventId)
    {
        await using var scope = Database.Scope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Set<GodwitEvent>().CountAsync(e => e.EventId == eventId, Cancel);
    }

    private static GodwitEvent Describe(string type) => new()
    {
        EventId = "event-live-" + Guid.CreateVersion7().ToString("D"),
        Type = type,
        OccurredAt = DateTime.UtcNow,
        UserId = "user-live-" + Guid.CreateVersion7().ToString("D"),
        ActorType = "system",
        Payload = "{}",
    };
}

public sealed class PendingEventsOnSqlite(SqliteStores database) : PendingEventsContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class PendingEventsOnPostgres(PostgresStores database) : PendingEventsContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
