using Godwit.Migration.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Migration.EntityFrameworkCore;

/// <summary><see cref="IMigrationStats"/> over the application's DbContext.</summary>
internal sealed class EfMigrationStats<TContext, TUser>(TContext db, CompiledUserMapping<TUser> mapping, TimeProvider clock) : IMigrationStats
    where TContext : DbContext
    where TUser : class
{
    public Task<MigrationStats> GetAsync(int days = 30, CancellationToken cancellationToken = default) =>
        MigrationStatistics.GetAsync(db, mapping.GodwitUserId, days, clock, cancellationToken);
}
