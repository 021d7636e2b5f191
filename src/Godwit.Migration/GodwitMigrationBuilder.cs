using Godwit.Migration;
using Godwit.Migration.Backfill;
using Godwit.Migration.EntityFrameworkCore;
using Godwit.Migration.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Continues <c>AddGodwitMigration</c>: where the application's users are, and integrations.</summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public sealed class GodwitMigrationBuilder<TUser>
    where TUser : class
{
    internal GodwitMigrationBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Keeps the application's users in its EF Core model (any provider): registers
    /// <see cref="IApplicationUserStore{TUser}"/>, <see cref="IBackfillStore{TUser}"/> and <see cref="IMigrationStats"/> over
    /// <typeparamref name="TContext"/>, which must be registered too (<c>AddDbContext</c>) and whose
    /// <c>OnModelCreating</c> must call <c>modelBuilder.UseGodwitMigration&lt;TUser&gt;(...)</c>.
    /// </summary>
    public GodwitMigrationBuilder<TUser> UseEntityFrameworkCore<TContext>(Action<EfUserMapping<TUser>> map)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(map);
        var mapping = new EfUserMapping<TUser>();
        map(mapping);
        Services.AddSingleton(CompiledUserMapping<TUser>.From(mapping));
        Services.AddScoped<IApplicationUserStore<TUser>, EfApplicationUserStore<TContext, TUser>>();
        Services.AddScoped<IBackfillStore<TUser>, EfBackfillStore<TContext, TUser>>();
        Services.AddScoped<IMigrationStats, EfMigrationStats<TContext, TUser>>();
        return this;
    }

    /// <summary>
    /// Uses a store of the application's own, for users kept outside EF Core. To backfill or dual-write,
    /// register an <see cref="IBackfillStore{TUser}"/> beside it (scoped).
    /// </summary>
    public GodwitMigrationBuilder<TUser> UseStore<TStore>()
        where TStore : class, IApplicationUserStore<TUser>
    {
        Services.AddScoped<IApplicationUserStore<TUser>, TStore>();
        return this;
    }
}
