using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Godwit.Bench.Import;

/// <summary>
/// The yardstick for the importer: the same rows (users, their emails, their passwords) written the
/// plainest fast way (external ids random UUIDs, as the generated Supabase export's are), into an empty Godwit schema: one prepared insert per table in one transaction
/// on SQLite, binary COPY on PostgreSQL. No reading, no validation, no matching.
/// </summary>
internal static class BareInsert
{
    public static TimeSpan Sqlite(string connectionString, int users, bool withPasswords)
    {
        var now = DateTime.UtcNow;
        var hash = """{"hash_type":"bcrypt","hash":"$2a$10$abcdefghijklmnopqrstuu5Ue5Zr7FmUj9Y1cGeJ1Yw0q8k2FGq9u"}""";
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var user = Prepare(connection, transaction, "INSERT INTO users (user_id, status, trusted_metadata, untrusted_metadata, external_id, created_at, failed_authentications, first_name, last_name) VALUES ($1, 'active', '{}', '{}', $2, $3, 0, 'User', $4)", 4);
        using var email = Prepare(connection, transaction, "INSERT INTO user_emails (email_id, user_id, address, verified, created_at) VALUES ($1, $2, $3, 1, $4)", 4);
        using var password = Prepare(connection, transaction, "INSERT INTO user_passwords (password_id, user_id, hash_type, hash, created_at, updated_at) VALUES ($1, $2, 'bcrypt', $3, $4, $4)", 4);
        for (var i = 0; i < users; i++)
        {
            var userId = $"user-live-{Guid.CreateVersion7()}";
            Run(user, userId, Guid.NewGuid().ToString(), now, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Run(email, $"email-live-{Guid.CreateVersion7()}", userId, $"user{i}@example.com", now);
            if (withPasswords)
            {
                Run(password, $"password-live-{Guid.CreateVersion7()}", userId, hash, now);
            }
        }

        transaction.Commit();
        return watch.Elapsed;
    }

    public static async Task<TimeSpan> PostgresAsync(string connectionString, int users, bool withPasswords)
    {
        var now = DateTime.UtcNow;
        var hash = """{"hash_type":"bcrypt","hash":"$2a$10$abcdefghijklmnopqrstuu5Ue5Zr7FmUj9Y1cGeJ1Yw0q8k2FGq9u"}""";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var ids = Enumerable.Range(0, users).Select(_ => $"user-live-{Guid.CreateVersion7()}").ToArray();
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY users (user_id, status, trusted_metadata, untrusted_metadata, external_id, created_at, failed_authentications, first_name, last_name) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < users; i++)
            {
                await writer.WriteRowAsync(default, ids[i], "active", "{}", "{}", Guid.NewGuid().ToString(), now, 0, "User", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY user_emails (email_id, user_id, address, verified, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < users; i++)
            {
                await writer.WriteRowAsync(default, $"email-live-{Guid.CreateVersion7()}", ids[i], $"user{i}@example.com", true, now);
            }

            await writer.CompleteAsync();
        }

        if (withPasswords)
        {
            await using var writer = await connection.BeginBinaryImportAsync("COPY user_passwords (password_id, user_id, hash_type, hash, created_at, updated_at) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < users; i++)
            {
                await writer.WriteRowAsync(default, $"password-live-{Guid.CreateVersion7()}", ids[i], "bcrypt", hash, now, now);
            }

            await writer.CompleteAsync();
        }

        await transaction.CommitAsync();
        return watch.Elapsed;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
