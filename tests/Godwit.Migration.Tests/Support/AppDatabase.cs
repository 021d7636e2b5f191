using Godwit.Migration.EntityFrameworkCore;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.Tests.Support;

/// <summary>A fresh application database, SQLite in a temp folder or a new database on the shared PostgreSQL cluster.</summary>
public sealed class AppDatabase : IAsyncDisposable
{
    private readonly string? folder;

    private AppDatabase(Action<DbContextOptionsBuilder> configure, string? folder)
    {
        Configure = configure;
        this.folder = folder;
    }

    /// <summary>Points a DbContext at this database.</summary>
    public Action<DbContextOptionsBuilder> Configure { get; }

    public static async Task<AppDatabase> SqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("godwit-app-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "app.db")}";
        var database = new AppDatabase(options => options.UseSqlite(connection), folder);
        await database.CreateSchemaAsync();
        return database;
    }

    /// <summary>Null where no PostgreSQL can run here; tests then skip.</summary>
    public static async Task<AppDatabase?> PostgresAsync()
    {
        if (PostgresCluster.UnavailableReason is not null)
        {
            return null;
        }

        var connection = await (await PostgresCluster.Shared).CreateDatabaseAsync();
        var database = new AppDatabase(options => options.UseNpgsql(connection), null);
        await database.CreateSchemaAsync();
        return database;
    }

    public AppDb NewContext()
    {
        var builder = new DbContextOptionsBuilder<AppDb>();
        Configure(builder);
        return new AppDb(builder.Options);
    }

    public async Task<AppUser> AddUserAsync(string? email = null, string? phone = null, string? godwitUserId = null, string? googleId = null, string? githubId = null)
    {
        await using var db = NewContext();
        var user = new AppUser { Email = email, Phone = phone, GodwitUserId = godwitUserId, GoogleId = googleId, GithubId = githubId, DisplayName = "existing" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<AppUser> FindAsync(int id)
    {
        await using var db = NewContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    public async Task<List<MigrationEvent>> EventsAsync(string godwitUserId)
    {
        await using var db = NewContext();
        return await db.Set<MigrationEvent>().AsNoTracking().Where(e => e.GodwitUserId == godwitUserId).ToListAsync();
    }

    /// <summary>The services an application registers: its DbContext, the Godwit client and the migration step.</summary>
    public ServiceProvider Services(GodwitHost host, Action<MigrationOptions>? migration = null, TimeProvider? clock = null, Action<EfUserMapping<AppUser>>? mapping = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddDbContext<AppDb>(Configure);
        services.AddGodwitClient(options =>
        {
            options.BaseUrl = host.BaseUrl;
            options.ProjectId = host.ProjectId;
            options.Secret = host.Secret;
        });
        services.AddGodwitMigration<AppUser>(migration).UseEntityFrameworkCore<AppUser, AppDb>(mapping ?? Map);
        return services.BuildServiceProvider();
    }

    /// <summary>The mapping the tests' application uses.</summary>
    public static void Map(EfUserMapping<AppUser> users)
    {
        users.GodwitUserId = u => u.GodwitUserId;
        users.Email = u => u.Email;
        users.PhoneNumber = u => u.Phone;
        users.ProviderSubject("Google", u => u.GoogleId).ProviderSubject("Github", u => u.GithubId);
        users.CreateUser = godwit => new AppUser
        {
            Email = godwit.Emails.FirstOrDefault(e => e.Verified)?.Email,
            Phone = godwit.PhoneNumbers.FirstOrDefault(p => p.Verified)?.PhoneNumber,
            DisplayName = "signed up",
        };
    }

    public ValueTask DisposeAsync()
    {
        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS's temp cleaning.
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task CreateSchemaAsync()
    {
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }
}
