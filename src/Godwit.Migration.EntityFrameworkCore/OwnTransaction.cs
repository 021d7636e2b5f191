using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Godwit.Migration.EntityFrameworkCore;

/// <summary>
/// A transaction the store opened itself, with EF Core's automatic savepoints off while it lasts. A
/// savepoint lets a failed SaveChanges be retried inside the transaction, which the store never does
/// (a failure rolls the whole transaction back); on PostgreSQL each costs round trips, about a fifth
/// of a first login's link (docs/performance.md). The context's own setting is put back afterwards.
/// </summary>
internal sealed class OwnTransaction : IAsyncDisposable
{
    private readonly DbContext db;
    private readonly IDbContextTransaction transaction;
    private readonly bool savepoints;

    private OwnTransaction(DbContext db, IDbContextTransaction transaction, bool savepoints)
    {
        this.db = db;
        this.transaction = transaction;
        this.savepoints = savepoints;
    }

    /// <summary>A transaction of our own, unless the application already opened one around the step (then null).</summary>
    public static async Task<OwnTransaction?> BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        var savepoints = db.Database.AutoSavepointsEnabled;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        return new OwnTransaction(db, transaction, savepoints);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        db.Database.AutoSavepointsEnabled = savepoints;
    }
}
