using System.Data.Common;
using Godwit.Migration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Bench.Migration;

/// <summary>An application's user, as the migration guide has applications map theirs.</summary>
internal sealed class BenchUser
{
    public int Id { get; set; }

    public string Email { get; set; } = "";

    public string? GodwitUserId { get; set; }

    public string DisplayName { get; set; } = "";
}

/// <summary>The application's DbContext: its users (email unique, as applications have it) and the migration's index and table.</summary>
internal sealed class BenchDb(DbContextOptions<BenchDb> options) : DbContext(options)
{
    public DbSet<BenchUser> Users => Set<BenchUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BenchUser>(users =>
        {
            users.ToTable("app_users");
            users.Property(u => u.Id).HasColumnName("id");
            users.Property(u => u.Email).HasColumnName("email");
            users.Property(u => u.GodwitUserId).HasColumnName("godwit_user_id");
            users.Property(u => u.DisplayName).HasColumnName("display_name");
            users.HasIndex(u => u.Email).IsUnique();
        });
        modelBuilder.UseGodwitMigration<BenchUser>(u => u.GodwitUserId);
    }
}

/// <summary>
/// WAL with synchronous=NORMAL, the usual setting for a web application on SQLite: a commit is
/// durable against a crash of the process, and waits for no fsync. Run on every open (a few
/// microseconds, inside the measured time).
/// </summary>
internal sealed class SqliteWalNormal : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

internal static class BenchServices
{
    /// <summary>What an application registers: its DbContext and the step over the EF Core store (no Godwit client: the step's own cost only).</summary>
    public static ServiceProvider Build(string database, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddDbContext<BenchDb>(options =>
        {
            if (database == "sqlite")
            {
                options.UseSqlite(connectionString).AddInterceptors(new SqliteWalNormal());
            }
            else
            {
                options.UseNpgsql(connectionString);
            }
        });
        services.AddGodwitMigration<BenchUser>().UseEntityFrameworkCore<BenchUser, BenchDb>(users =>
        {
            users.GodwitUserId = u => u.GodwitUserId;
            users.Email = u => u.Email;
            users.CreateUser = godwit => new BenchUser { Email = godwit.Emails[0].Email, DisplayName = "signed up" };
        });
        return services.BuildServiceProvider();
    }

    public static string SqliteConnectionString(string folder) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "app.db"), Pooling = true }.ToString();
}
