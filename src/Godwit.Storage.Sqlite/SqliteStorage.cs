using Godwit.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Sqlite;

public static class SqliteStorage
{
    public static IServiceCollection AddGodwitSqlite(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<SqliteGodwitDbContext>(options => Configure(options, connectionString));
        services.AddScoped<GodwitDbContext>(provider => provider.GetRequiredService<SqliteGodwitDbContext>());
        services.AddScoped<IBulkUserWriter, SqliteBulkUserWriter>();
        return services.AddGodwitStores(() => new SqliteConnection(connectionString), keepSessionCheckConnections: true);
    }

    /// <summary>Turns on WAL, which SQLite remembers in the file, and applies pending migrations.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SqliteGodwitDbContext>();
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    internal static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).UseSnakeCaseNamingConvention().AddInterceptors(new SqlitePragmas());
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGodwitDbContext>
{
    public SqliteGodwitDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteGodwitDbContext>();
        SqliteStorage.Configure(options, "Data Source=design.db");
        return new SqliteGodwitDbContext(options.Options);
    }
}
