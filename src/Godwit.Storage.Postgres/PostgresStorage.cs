using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Godwit.Storage.Postgres;

public static class PostgresStorage
{
    public static IServiceCollection AddGodwitPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<PostgresGodwitDbContext>(options => Configure(options, connectionString));
        services.AddScoped<GodwitDbContext>(provider => provider.GetRequiredService<PostgresGodwitDbContext>());
        services.AddScoped<IBulkUserWriter, PostgresBulkUserWriter>();
        return services.AddGodwitStores(() => new NpgsqlConnection(connectionString), keepSessionCheckConnections: false);
    }

    /// <summary>
    /// Applies pending migrations. EF Core takes a database lock while migrating, so processes
    /// starting together do not race each other.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PostgresGodwitDbContext>().Database.MigrateAsync(cancellationToken);
    }

    internal static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGodwitDbContext>
{
    public PostgresGodwitDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresGodwitDbContext>();
        PostgresStorage.Configure(options, "Host=localhost;Database=godwit_design");
        return new PostgresGodwitDbContext(options.Options);
    }
}
