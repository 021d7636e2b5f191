using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Godwit.Bench.Migration;

/// <summary>
/// The application's table of N users: the first half already linked to Godwit users, the second half
/// not yet (their first login links them by email). Written in one transaction: prepared inserts on
/// SQLite, binary COPY on PostgreSQL.
/// </summary>
internal static class Seeder
{
    public static string Email(int id) => $"person{id.ToString(CultureInfo.InvariantCulture)}@bench.test";

    public static async Task<string[]> SeedAsync(string database, string connectionString, int users)
    {
        await using (var services = BenchServices.Build(database, connectionString))
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BenchDb>();
            await db.Database.EnsureCreatedAsync();
            if (database == "sqlite")
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL");
            }
        }

        var godwitIds = Enumerable.Range(0, users / 2).Select(_ => $"user-live-{Guid.CreateVersion7()}").ToArray();
        if (database == "sqlite")
        {
            SeedSqlite(connectionString, users, godwitIds);
        }
        else
        {
            await SeedPostgresAsync(connectionString, users, godwitIds);
        }

        return godwitIds;
    }

    private static void SeedSqlite(string connectionString, int users, string[] godwitIds)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO app_users (id, email, godwit_user_id, display_name) VALUES ($id, $email, $godwit, 'legacy')";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var email = insert.Parameters.Add("$email", SqliteType.Text);
        var godwit = insert.Parameters.Add("$godwit", SqliteType.Text);
        insert.Prepare();
        for (var i = 1; i <= users; i++)
        {
            id.Value = i;
            email.Value = Email(i);
            godwit.Value = i <= godwitIds.Length ? godwitIds[i - 1] : DBNull.Value;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        using var analyze = new SqliteCommand("ANALYZE", connection);
        analyze.ExecuteNonQuery();
    }

    private static async Task SeedPostgresAsync(string connectionString, int users, string[] godwitIds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY app_users (id, email, godwit_user_id, display_name) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 1; i <= users; i++)
            {
                await writer.WriteRowAsync(default, i, Email(i), i <= godwitIds.Length ? godwitIds[i - 1] : null, "legacy");
            }

            await writer.CompleteAsync();
        }

        // The identity column's sequence goes on after the copied ids, for sign-ups; then fresh statistics.
        await using var after = new NpgsqlCommand($"SELECT setval(pg_get_serial_sequence('app_users', 'id'), {users}); ANALYZE app_users;", connection);
        await after.ExecuteNonQueryAsync();
    }
}
