using Godwit.Migration;
using Godwit.Migration.Backfill;
using Godwit.Migration.DualWrite;
using Godwit.Migration.Export;
using Godwit.Migration.Reporting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the rolling-migration step.</summary>
public static class MigrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MigrationStep{TUser}"/> (and <see cref="IMigrationStep"/>),
    /// <see cref="MigrationDualWrite{TUser}"/> and <see cref="UnseenUsersExport{TUser}"/>, scoped, and
    /// <see cref="MigrationBackfill{TUser}"/>. Choose the user store next, such as
    /// <c>.UseEntityFrameworkCore&lt;AppUser, AppDbContext&gt;(...)</c> from Godwit.Migration.EntityFrameworkCore. The backfill and the dual write need
    /// <c>AddGodwitClient</c> too.
    /// </summary>
    public static GodwitMigrationBuilder<TUser> AddGodwitMigration<TUser>(this IServiceCollection services, Action<MigrationOptions>? configure = null)
        where TUser : class
    {
        services.AddOptions<MigrationOptions>().Configure(configure ?? (_ => { }));
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MigrationOutcomeReporter>();
        services.TryAddScoped<MigrationStep<TUser>>();
        services.TryAddScoped<IMigrationStep>(provider => provider.GetRequiredService<MigrationStep<TUser>>());
        services.TryAddScoped<MigrationDualWrite<TUser>>();
        services.TryAddScoped<UnseenUsersExport<TUser>>();
        services.TryAddTransient<MigrationBackfill<TUser>>();
        return new GodwitMigrationBuilder<TUser>(services);
    }
}
