using Godwit.Migration;
using Godwit.Migration.Backfill;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Continues <c>AddGodwitMigration</c>: where the application's users are (<see cref="UseStore{TStore}"/>, or
/// <c>UseEntityFrameworkCore</c> from the Godwit.Migration.EntityFrameworkCore package), and integrations.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public sealed class GodwitMigrationBuilder<TUser>
    where TUser : class
{
    internal GodwitMigrationBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

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
