using Godwit.Core.Events;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Godwit.Storage.Postgres;

/// <summary>
/// Imports users a batch at a time, in a transaction of its own or shared with the batches around
/// it (<see cref="IBulkUserWriter.BeginAsync"/>): binary COPY into a temporary table, then set-based statements
/// that decide per row between creating and matching, and insert the new users in a few statements.
/// The transaction holds a SHARE ROW EXCLUSIVE lock on <c>users</c>, so no other writer creates a
/// user between the checks and the inserts (they wait for the commit). Each user created or
/// updated gets its <c>user.imported</c> event, copied in the same transaction.
/// </summary>
internal sealed class PostgresBulkUserWriter(PostgresGodwitDbContext db, EventLog events) : IBulkUserWriter
{
    private const string CreateBatch = """
        CREATE TEMP TABLE import_batch (
            ordinal int PRIMARY KEY, user_id text, status text, first_name text, middle_name text, last_name text,
            trusted_metadata text, untrusted_metadata text, external_id text, created_at timestamptz,
            email_id text, email text, email_verified bool, phone_id text, phone text, phone_verified bool,
            password_id text, hash_type text, hash text, duplicate_of int, existing text, conflict text, conflict_detail text) ON COMMIT DROP
        """;

    private const string Decide = """
        -- Per-row look-ups through the unique indexes (a join lets the planner scan all of users and
        -- user_emails for every batch, since tables this very import fills have no statistics yet),
        -- and only the rows found are updated. OFFSET 0 keeps the look-ups from being run again in the filter.
        UPDATE import_batch b SET existing = found.user_id
        FROM (SELECT ordinal, coalesce(
                (SELECT u.user_id FROM users u WHERE u.external_id = m.external_id),
                (SELECT e.user_id FROM user_emails e WHERE e.address = m.email)) AS user_id
              FROM import_batch m OFFSET 0) found
        WHERE found.ordinal = b.ordinal AND found.user_id IS NOT NULL;
        -- A later row of the batch with the external_id or email of an earlier one is that person
        -- again (duplicate_of, worked out while copying, names the first row of the person).
        UPDATE import_batch b SET existing = coalesce(f.existing, f.user_id)
        FROM import_batch f WHERE b.existing IS NULL AND f.ordinal = b.duplicate_of;
        """;

    private const string Insert = """
        INSERT INTO users (user_id, status, first_name, middle_name, last_name, trusted_metadata, untrusted_metadata, external_id, created_at, failed_authentications)
            SELECT user_id, status, first_name, middle_name, last_name, trusted_metadata, untrusted_metadata, external_id, created_at, 0
            FROM import_batch WHERE existing IS NULL AND conflict IS NULL ORDER BY ordinal;
        INSERT INTO user_emails (email_id, user_id, address, verified, created_at)
            SELECT email_id, user_id, email, email_verified, created_at FROM import_batch WHERE existing IS NULL AND conflict IS NULL AND email IS NOT NULL;
        INSERT INTO user_phones (phone_id, user_id, number, verified, created_at)
            SELECT phone_id, user_id, phone, phone_verified, created_at FROM import_batch WHERE existing IS NULL AND conflict IS NULL AND phone IS NOT NULL;
        INSERT INTO user_passwords (password_id, user_id, hash_type, hash, created_at, updated_at)
            SELECT password_id, user_id, hash_type, hash, created_at, created_at FROM import_batch WHERE existing IS NULL AND conflict IS NULL AND hash IS NOT NULL;
        """;

    /// <summary>Only for a batch with phone numbers: a number another user holds fails its row.</summary>
    private const string DecidePhones = """
        CREATE INDEX ON import_batch (phone);
        ANALYZE import_batch;
        UPDATE import_batch b SET conflict = 'duplicate_phone_number'
        WHERE b.existing IS NULL AND b.phone IS NOT NULL AND (
            -- A scalar look-up, run per row through the index: an EXISTS here may be planned as a
            -- scan of all of user_phones.
            (SELECT p.user_id FROM user_phones p WHERE p.number = b.phone) IS NOT NULL
            OR EXISTS (SELECT 1 FROM import_batch f WHERE f.phone = b.phone AND f.ordinal < b.ordinal AND f.existing IS NULL));
        -- The person's first row is not created after all: their later rows fail with it.
        UPDATE import_batch b SET conflict = f.conflict
        FROM import_batch f WHERE f.ordinal = b.duplicate_of AND f.conflict IS NOT NULL AND b.existing = f.user_id;
        """;

    private const string Upsert = """
        -- A matched row can fail only by a provider account another user holds; it changes nothing then.
        UPDATE users u SET first_name = b.first_name, middle_name = b.middle_name, last_name = b.last_name,
            trusted_metadata = b.trusted_metadata, untrusted_metadata = b.untrusted_metadata
            FROM import_batch b WHERE b.existing = u.user_id AND b.conflict IS NULL;
        UPDATE user_emails e SET verified = true FROM import_batch b WHERE b.existing = e.user_id AND b.email = e.address AND b.email_verified AND b.conflict IS NULL;
        UPDATE user_phones p SET verified = true FROM import_batch b WHERE b.existing = p.user_id AND b.phone = p.number AND b.phone_verified AND b.conflict IS NULL;
        INSERT INTO user_passwords (password_id, user_id, hash_type, hash, created_at, updated_at)
            SELECT DISTINCT ON (existing) password_id, existing, hash_type, hash, created_at, created_at
            FROM import_batch b WHERE b.existing IS NOT NULL AND b.hash IS NOT NULL AND b.conflict IS NULL
            AND NOT EXISTS (SELECT 1 FROM user_passwords p WHERE p.user_id = b.existing)
            ORDER BY existing, ordinal;
        """;

    public Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken) =>
        IBulkUserWriter.WriteInOwnTransactionAsync(this, users, upsert, cancellationToken);

    public async Task<IBulkWriteTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, "LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
            return new Transaction(db, events, connection, transaction);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    private sealed class Transaction(PostgresGodwitDbContext db, EventLog events, NpgsqlConnection connection, NpgsqlTransaction transaction) : IBulkWriteTransaction
    {
        public async Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken)
        {
            await ExecuteAsync(connection, CreateBatch, cancellationToken);
            await CopyAsync(connection, users, cancellationToken);
            await ExecuteAsync(connection, Decide, cancellationToken);
            if (users.Any(u => u.Phones.Count > 0))
            {
                await ExecuteAsync(connection, DecidePhones, cancellationToken);
            }

            var moreAddresses = PostgresMoreAddresses.Any(users);
            if (moreAddresses)
            {
                await PostgresMoreAddresses.DecideAsync(connection, users, cancellationToken);
            }

            var identities = PostgresOAuthIdentities.Any(users);
            if (identities)
            {
                await PostgresOAuthIdentities.DecideAsync(connection, users, upsert, cancellationToken);
            }

            await ExecuteAsync(connection, Insert, cancellationToken);
            if (upsert)
            {
                await ExecuteAsync(connection, Upsert, cancellationToken);
            }

            if (moreAddresses)
            {
                await PostgresMoreAddresses.WriteAsync(connection, upsert, cancellationToken);
            }

            if (identities)
            {
                await PostgresOAuthIdentities.WriteAsync(connection, upsert, cancellationToken);
            }

            var withTotps = users.Any(u => u.Totps.Count > 0);
            if (withTotps)
            {
                await CopyTotpsAsync(connection, users, cancellationToken);
            }

            var outcomes = new List<BulkOutcome>(users.Count);
            await using (var command = new NpgsqlCommand("SELECT user_id, existing, conflict, conflict_detail FROM import_batch ORDER BY ordinal", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    outcomes.Add(
                        !reader.IsDBNull(2) ? ConflictOf(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))
                        : reader.IsDBNull(1) ? new BulkOutcome.Created(reader.GetString(0))
                        : upsert ? new BulkOutcome.Updated(reader.GetString(1))
                        : new BulkOutcome.Matched(reader.GetString(1)));
                }
            }

            await CopyEventsAsync(connection, [.. users.Select((user, i) => events.DescribeImported(user, outcomes[i])).OfType<GodwitEvent>()], cancellationToken);

            // The next batch of the same transaction makes its own.
            await ExecuteAsync(connection, withTotps ? "DROP TABLE import_batch, import_totps, import_recovery_codes" : "DROP TABLE import_batch", cancellationToken);
            return outcomes;
        }

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    private static BulkOutcome.Conflict ConflictOf(string errorType, string? detail) => errorType switch
    {
        "duplicate_email" => new(errorType, "Another user already has one of this user's emails."),
        "duplicate_phone_number" => new(errorType, "Another user already has this phone number."),
        _ => BulkConflicts.OAuthRegistrationTaken(detail ?? "provider"),
    };

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<User> users, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY import_batch (ordinal, user_id, status, first_name, middle_name, last_name, trusted_metadata, untrusted_metadata, external_id, created_at, "
            + "email_id, email, email_verified, phone_id, phone, phone_verified, password_id, hash_type, hash, duplicate_of) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        // The first row of each person, by external_id and by email.
        var firstByExternalId = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstByEmail = new Dictionary<string, int>(StringComparer.Ordinal);

        // Synchronous writes into Npgsql's buffer: an await per field cost more than the row itself.
        for (var ordinal = 0; ordinal < users.Count; ordinal++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = users[ordinal];
            var email = user.Emails.FirstOrDefault();
            var phone = user.Phones.FirstOrDefault();
            var duplicateOf = DuplicateOf(ordinal, user.ExternalId, email?.Address, firstByExternalId, firstByEmail);
            writer.StartRow();
            writer.Write(ordinal, NpgsqlDbType.Integer);
            Text(writer, user.UserId);
            Text(writer, user.Status == UserStatus.Active ? "active" : "pending");
            Text(writer, user.FirstName);
            Text(writer, user.MiddleName);
            Text(writer, user.LastName);
            Text(writer, user.TrustedMetadata);
            Text(writer, user.UntrustedMetadata);
            Text(writer, user.ExternalId);
            writer.Write(user.CreatedAt, NpgsqlDbType.TimestampTz);
            Text(writer, email?.EmailId);
            Text(writer, email?.Address);
            writer.Write(email?.Verified ?? false, NpgsqlDbType.Boolean);
            Text(writer, phone?.PhoneId);
            Text(writer, phone?.Number);
            writer.Write(phone?.Verified ?? false, NpgsqlDbType.Boolean);
            Text(writer, user.Password?.PasswordId);
            Text(writer, user.Password?.HashType);
            Text(writer, user.Password?.Hash);
            if (duplicateOf is { } first)
            {
                writer.Write(first, NpgsqlDbType.Integer);
            }
            else
            {
                writer.WriteNull();
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// The TOTPs of the users this batch creates (an existing user keeps their own second factors):
    /// copied into temporary tables and kept only where their user was created.
    /// </summary>
    private static async Task CopyTotpsAsync(NpgsqlConnection connection, IReadOnlyList<User> users, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE import_totps (totp_id text, user_id text, encrypted_secret bytea, verified bool, created_at timestamptz, expires_at timestamptz) ON COMMIT DROP;
            CREATE TEMP TABLE import_recovery_codes (recovery_code_id text, totp_id text, encrypted_code bytea) ON COMMIT DROP;
            """, cancellationToken);
        await using (var totps = await connection.BeginBinaryImportAsync(
            "COPY import_totps (totp_id, user_id, encrypted_secret, verified, created_at, expires_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var totp in users.SelectMany(u => u.Totps))
            {
                await totps.WriteRowAsync(cancellationToken, totp.TotpId, totp.UserId, totp.EncryptedSecret, totp.Verified, totp.CreatedAt, (object?)totp.ExpiresAt ?? DBNull.Value);
            }

            await totps.CompleteAsync(cancellationToken);
        }

        await using (var codes = await connection.BeginBinaryImportAsync(
            "COPY import_recovery_codes (recovery_code_id, totp_id, encrypted_code) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var code in users.SelectMany(u => u.Totps).SelectMany(t => t.RecoveryCodes))
            {
                await codes.WriteRowAsync(cancellationToken, code.RecoveryCodeId, code.TotpId, code.EncryptedCode);
            }

            await codes.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection, """
            INSERT INTO user_totps (totp_id, user_id, encrypted_secret, verified, created_at, expires_at, last_used_step, failed_attempts)
                SELECT t.totp_id, t.user_id, t.encrypted_secret, t.verified, t.created_at, t.expires_at, 0, 0
                FROM import_totps t JOIN import_batch b ON b.user_id = t.user_id WHERE b.existing IS NULL AND b.conflict IS NULL;
            INSERT INTO totp_recovery_codes (recovery_code_id, totp_id, encrypted_code)
                SELECT c.recovery_code_id, c.totp_id, c.encrypted_code
                FROM import_recovery_codes c JOIN import_totps t ON t.totp_id = c.totp_id JOIN import_batch b ON b.user_id = t.user_id
                WHERE b.existing IS NULL AND b.conflict IS NULL;
            """, cancellationToken);
    }

    /// <summary>
    /// The first earlier row of the batch with the same external_id or email, or null. Only rows
    /// that are not themselves duplicates count, as when each row is matched against the users
    /// written before it: a row that is another's duplicate adds none of its keys.
    /// </summary>
    private static int? DuplicateOf(int ordinal, string? externalId, string? email, Dictionary<string, int> firstByExternalId, Dictionary<string, int> firstByEmail)
    {
        int? first = null;
        if (externalId is not null && firstByExternalId.TryGetValue(externalId, out var byExternalId))
        {
            first = byExternalId;
        }

        if (email is not null && firstByEmail.TryGetValue(email, out var byEmail) && (first is null || byEmail < first))
        {
            first = byEmail;
        }

        if (first is null)
        {
            if (externalId is not null)
            {
                firstByExternalId.Add(externalId, ordinal);
            }

            if (email is not null)
            {
                firstByEmail.Add(email, ordinal);
            }
        }

        return first;
    }

    /// <summary>The batch's <c>user.imported</c> events and their outbox rows, by COPY as the users were.</summary>
    private static async Task CopyEventsAsync(NpgsqlConnection connection, IReadOnlyList<GodwitEvent> imported, CancellationToken cancellationToken)
    {
        if (imported.Count == 0)
        {
            return;
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY events (event_id, type, occurred_at, user_id, actor_type, actor_id, ip_address, user_agent, payload) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var recorded in imported)
            {
                writer.StartRow();
                Text(writer, recorded.EventId);
                Text(writer, recorded.Type);
                writer.Write(recorded.OccurredAt, NpgsqlDbType.TimestampTz);
                Text(writer, recorded.UserId);
                Text(writer, recorded.ActorType);
                Text(writer, recorded.ActorId);
                Text(writer, recorded.IpAddress);
                Text(writer, recorded.UserAgent);
                Text(writer, recorded.Payload);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY event_outbox (event_id, occurred_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var recorded in imported)
            {
                writer.StartRow();
                Text(writer, recorded.EventId);
                writer.Write(recorded.OccurredAt, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }

    private static void Text(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Text);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
