using Godwit.Migration;
using Godwit.Migration.Backfill;
using Godwit.Migration.EntityFrameworkCore;
using Godwit.Migration.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps the application's users in its EF Core model, for <c>AddGodwitMigration</c>.</summary>
public static class EntityFrameworkCoreMigrationBuilderExtensions
{
    /// <summary>
    /// Keeps the application's users in its EF Core model (any provider): registers
    /// <see cref="IApplicationUserStore{TUser}"/>, <see cref="IBackfillStore{TUser}"/> and <see cref="IMigrationStats"/> over
    /// <typeparamref name="TContext"/>, which must be registered too (<c>AddDbContext</c>) and whose
    /// <c>OnModelCreating</c> must call <c>modelBuilder.UseGodwitMigration&lt;TUser&gt;(...)</c>.
    /// </summary>
    /// <typeparam name="TUser">The application's user type, as given to <c>AddGodwitMigration</c>.</typeparam>
    /// <typeparam name="TContext">The application's DbContext.</typeparam>
    /// <param name="builder">What <c>AddGodwitMigration</c> returned.</param>
    /// <param name="map">Names the user's properties the step reads and writes.</param>
    public static GodwitMigrationBuilder<TUser> UseEntityFrameworkCore<TUser, TContext>(this GodwitMigrationBuilder<TUser> builder, Action<EfUserMapping<TUser>> map)
        where TUser : class
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(map);
        var mapping = new EfUserMapping<TUser>();
        map(mapping);
        builder.Services.AddSingleton(CompiledUserMapping<TUser>.From(mapping));
        builder.Services.AddScoped<IApplicationUserStore<TUser>, EfApplicationUserStore<TContext, TUser>>();
        builder.Services.AddScoped<IBackfillStore<TUser>, EfBackfillStore<TContext, TUser>>();
        builder.Services.AddScoped<IMigrationStats, EfMigrationStats<TContext, TUser>>();
        return builder;
    }
}
