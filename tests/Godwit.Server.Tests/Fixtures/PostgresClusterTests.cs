using Godwit.Testing;
using Npgsql;

namespace Godwit.Server.Tests.Fixtures;

// Checks the PostgreSQL fixture itself; it sits here until the suite has a folder for fixture checks.
public sealed class PostgresClusterTests
{
    [Fact]
    public async Task A_fresh_database_on_the_shared_cluster_answers_queries()
    {
        if (PostgresCluster.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        var cluster = await PostgresCluster.Shared;
        var connectionString = await cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Each_created_database_starts_empty_and_separate_from_the_others()
    {
        if (PostgresCluster.UnavailableReason is { } reason)
        {
            MissingTool.Skip(reason);
        }

        var cluster = await PostgresCluster.Shared;
        var first = await cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var second = await cluster.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        await ExecuteAsync(first, "CREATE TABLE marker (id int)");

        Assert.NotEqual(first, second);
        Assert.Equal(0L, await ExecuteAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
