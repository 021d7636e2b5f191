using Godwit.Migration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the rolling-migration step.</summary>
public static class MigrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MigrationStep{TUser}"/> (and <see cref="IMigrationStep"/>), scoped. Choose
    /// the user store next, such as <c>.UseEntityFrameworkCore&lt;AppDbContext&gt;(...)</c>.
    /// </summary>
    public static GodwitMigrationBuilder<TUser> AddGodwitMigration<TUser>(this IServiceCollection services, Action<MigrationOptions>? configure = null)
        where TUser : class
    {
        services.AddOptions<MigrationOptions>().Configure(configure ?? (_ => { }));
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<MigrationStep<TUser>>();
        services.TryAddScoped<IMigrationStep>(provider => provider.GetRequiredService<MigrationStep<TUser>>());
        return new GodwitMigrationBuilder<TUser>(services);
    }
}
