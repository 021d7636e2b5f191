using Microsoft.EntityFrameworkCore;

namespace Godwit.Migration.Tests.Support;

/// <summary>The user entity of an application that is migrating its users onto Godwit.</summary>
public sealed class AppUser
{
    public int Id { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? GodwitUserId { get; set; }

    /// <summary>The Google account id the application stored when the person signed in with Google.</summary>
    public string? GoogleId { get; set; }

    /// <summary>The GitHub account id, likewise.</summary>
    public string? GithubId { get; set; }

    public string DisplayName { get; set; } = "";
}

/// <summary>The application's DbContext, with the migration's index and table added.</summary>
public sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
{
    public DbSet<AppUser> Users => Set<AppUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AppUser>().ToTable("app_users");
        // As the migration guide advises: the step looks users up by these.
        modelBuilder.Entity<AppUser>().HasIndex(u => u.GoogleId).IsUnique();
        modelBuilder.Entity<AppUser>().HasIndex(u => u.GithubId).IsUnique();
        modelBuilder.UseGodwitMigration<AppUser>(u => u.GodwitUserId);
    }
}

/// <summary>An application that forgot <c>UseGodwitMigration</c>.</summary>
public sealed class ForgetfulDb(DbContextOptions<ForgetfulDb> options) : DbContext(options)
{
    public DbSet<AppUser> Users => Set<AppUser>();
}
