using System.Linq.Expressions;
using Godwit.Migration.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds what the migration step needs to the application's EF Core model.</summary>
public static class MigrationModelBuilderExtensions
{
    /// <summary>
    /// Call from <c>OnModelCreating</c>: declares the unique index on the user's Godwit user id
    /// column (which is what makes two simultaneous first logins produce one user) and the
    /// <c>godwit_migration_events</c> table. Then add a migration (or EnsureCreated) as usual.
    /// </summary>
    public static ModelBuilder UseGodwitMigration<TUser>(this ModelBuilder modelBuilder, Expression<Func<TUser, string?>> godwitUserId)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var property = UserExpressions.Property(godwitUserId);
        modelBuilder.Entity<TUser>().HasIndex(property.Name).IsUnique();
        modelBuilder.Entity<MigrationEvent>(events =>
        {
            events.ToTable("godwit_migration_events");
            events.HasKey(e => e.Id);
            events.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
            events.Property(e => e.OccurredAt).HasColumnName("occurred_at");
            events.Property(e => e.Day).HasColumnName("day");
            events.Property(e => e.Outcome).HasColumnName("outcome").HasMaxLength(16);
            events.Property(e => e.MatchedBy).HasColumnName("matched_by").HasMaxLength(16);
            events.Property(e => e.GodwitUserId).HasColumnName("godwit_user_id").HasMaxLength(128);
            events.Property(e => e.ApplicationUserId).HasColumnName("application_user_id").HasMaxLength(256);
            events.HasIndex(e => new { e.Day, e.Outcome }).HasDatabaseName("ix_godwit_migration_events_day_outcome");
            events.HasIndex(e => e.GodwitUserId).HasDatabaseName("ix_godwit_migration_events_godwit_user_id");
        });
        return modelBuilder;
    }
}
