using Microsoft.EntityFrameworkCore;

namespace Godwit.Migration.Tests.Support;

/// <summary>The user entity of an application that is migrating its users onto Godwit.</summary>
public sealed class AppUser
{
    public int Id { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? GodwitUserId { get; set; }

    public string DisplayName { get; set; } = "";
}

/// <summary>The application's DbContext, with the migration's index and table added.</summary>
public sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
{
    public DbSet<AppUser> Users => Set<AppUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AppUser>().ToTable("app_users");
        modelBuilder.UseGodwitMigration<AppUser>(u => u.GodwitUserId);
    }
}

/// <summary>An application that forgot <c>UseGodwitMigration</c>.</summary>
public sealed class ForgetfulDb(DbContextOptions<ForgetfulDb> options) : DbContext(options)
{
    public DbSet<AppUser> Users => Set<AppUser>();
}
