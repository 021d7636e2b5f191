using Microsoft.EntityFrameworkCore;

namespace LegacyApp.Users;

/// <summary>The application's own database, which Godwit never sees.</summary>
internal sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<AppUser> Users => Set<AppUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AppUser>(users =>
        {
            users.ToTable("users");
            users.Property(u => u.Id).HasColumnName("id");
            users.Property(u => u.Email).HasColumnName("email").HasMaxLength(254);
            users.HasIndex(u => u.Email).IsUnique().HasDatabaseName("ix_users_email");
            users.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(100);
            users.Property(u => u.MemberSince).HasColumnName("member_since").HasDefaultValueSql("CURRENT_TIMESTAMP");
            users.Property(u => u.GodwitUserId).HasColumnName("godwit_user_id").HasMaxLength(128);
        });

        // The migration's part of the schema: a unique index on godwit_user_id (two first logins of
        // one person at the same instant then make one link) and the godwit_migration_events table.
        modelBuilder.UseGodwitMigration<AppUser>(u => u.GodwitUserId);
    }
}
