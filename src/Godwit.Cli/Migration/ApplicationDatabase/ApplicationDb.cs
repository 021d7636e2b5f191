using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Cli.Migration.ApplicationDatabase;

/// <summary>
/// The application's users table and <c>godwit_migration_events</c>, modelled at run time from
/// <see cref="ApplicationTable"/>, so the library's store, backfill, export and statistics run on it
/// as they do on the application's own DbContext. Nothing is created: the application's migrations
/// made the table's unique index and the events table.
/// </summary>
internal sealed class ApplicationDb<TKey>(DbContextOptions<ApplicationDb<TKey>> options, ApplicationTable table) : DbContext(options), IApplicationDb
    where TKey : notnull
{
    public ApplicationTable Table => table;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (table.Schema is { } schema)
        {
            modelBuilder.HasDefaultSchema(schema);
        }

        modelBuilder.Entity<ApplicationUserRow<TKey>>(users =>
        {
            users.ToTable(table.Table);
            users.HasKey(u => u.Id);
            users.Property(u => u.Id).HasColumnName(table.IdColumn).ValueGeneratedNever();
            users.Property(u => u.GodwitUserId).HasColumnName(table.GodwitIdColumn);
            Map(users, nameof(ApplicationUserRow<TKey>.Email), table.EmailColumn);
            Map(users, nameof(ApplicationUserRow<TKey>.PhoneNumber), table.PhoneColumn);
            Map(users, nameof(ApplicationUserRow<TKey>.FirstName), table.FirstNameColumn);
            Map(users, nameof(ApplicationUserRow<TKey>.LastName), table.LastNameColumn);
            Map(users, nameof(ApplicationUserRow<TKey>.FullName), table.NameColumn);
        });
        modelBuilder.UseGodwitMigration<ApplicationUserRow<TKey>>(u => u.GodwitUserId);
    }

    private static void Map(EntityTypeBuilder<ApplicationUserRow<TKey>> users, string property, string? column)
    {
        if (column is null)
        {
            users.Ignore(property);
        }
        else
        {
            users.Property(property).HasColumnName(column);
        }
    }
}

/// <summary>A context whose model depends on the table it was given.</summary>
internal interface IApplicationDb
{
    ApplicationTable Table { get; }
}

/// <summary>EF Core caches a model per context type; this one differs by table, so the table is part of the key.</summary>
internal sealed class ApplicationModelCacheKey : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is IApplicationDb application ? (context.GetType(), application.Table, designTime) : (context.GetType(), designTime);
}
