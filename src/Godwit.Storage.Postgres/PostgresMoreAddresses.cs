using Godwit.Core.Users;
using Npgsql;

namespace Godwit.Storage.Postgres;

/// <summary>
/// The further emails and phone numbers of imported users (a Stytch export's second email...), after
/// the first one of each that <c>import_batch</c> carries: copied into a temporary table, checked
/// against the addresses other users have, and written with the users the batch creates.
/// </summary>
internal static class PostgresMoreAddresses
{
    private const string Create = """
        CREATE TEMP TABLE import_addresses (ordinal int, kind text, address_id text, user_id text, address text, verified bool, created_at timestamptz) ON COMMIT DROP
        """;

    /// <summary>
    /// A further address that an existing user, an earlier row of the batch, or an earlier further
    /// address of it already has fails its row, as the SQLite writer decides row by row; an email
    /// before a phone number. Rows that repeat a failed row's person fail with it.
    /// </summary>
    private const string Decide = """
        CREATE INDEX ON import_addresses (address);
        ANALYZE import_addresses;
        UPDATE import_batch b SET conflict = CASE taken.kind WHEN 'e' THEN 'duplicate_email' ELSE 'duplicate_phone_number' END
        FROM (SELECT DISTINCT ON (m.ordinal) m.ordinal, m.kind FROM import_addresses m
              WHERE (m.kind = 'e' AND ((SELECT e.user_id FROM user_emails e WHERE e.address = m.address) IS NOT NULL
                        OR EXISTS (SELECT 1 FROM import_batch f WHERE f.email = m.address AND f.ordinal < m.ordinal AND f.existing IS NULL)))
                 OR (m.kind = 'p' AND ((SELECT p.user_id FROM user_phones p WHERE p.number = m.address) IS NOT NULL
                        OR EXISTS (SELECT 1 FROM import_batch f WHERE f.phone = m.address AND f.ordinal < m.ordinal AND f.existing IS NULL)))
                 OR EXISTS (SELECT 1 FROM import_addresses o WHERE o.kind = m.kind AND o.address = m.address AND o.ordinal < m.ordinal)
              ORDER BY m.ordinal, m.kind) taken
        WHERE taken.ordinal = b.ordinal AND b.existing IS NULL AND b.conflict IS NULL;
        UPDATE import_batch b SET conflict = f.conflict
        FROM import_batch f WHERE f.ordinal = b.duplicate_of AND f.conflict IS NOT NULL AND b.existing = f.user_id AND b.conflict IS NULL;
        """;

    private const string Insert = """
        INSERT INTO user_emails (email_id, user_id, address, verified, created_at)
            SELECT a.address_id, a.user_id, a.address, a.verified, a.created_at FROM import_addresses a JOIN import_batch b ON b.ordinal = a.ordinal
            WHERE a.kind = 'e' AND b.existing IS NULL AND b.conflict IS NULL;
        INSERT INTO user_phones (phone_id, user_id, number, verified, created_at)
            SELECT a.address_id, a.user_id, a.address, a.verified, a.created_at FROM import_addresses a JOIN import_batch b ON b.ordinal = a.ordinal
            WHERE a.kind = 'p' AND b.existing IS NULL AND b.conflict IS NULL;
        """;

    /// <summary>Upsert verifies a matched user's further addresses where the export says so; it adds none.</summary>
    private const string Upsert = """
        UPDATE user_emails e SET verified = true FROM import_addresses a JOIN import_batch b ON b.ordinal = a.ordinal
            WHERE a.kind = 'e' AND a.verified AND b.existing = e.user_id AND e.address = a.address AND b.conflict IS NULL;
        UPDATE user_phones p SET verified = true FROM import_addresses a JOIN import_batch b ON b.ordinal = a.ordinal
            WHERE a.kind = 'p' AND a.verified AND b.existing = p.user_id AND p.number = a.address AND b.conflict IS NULL;
        """;

    public static bool Any(IReadOnlyList<User> users) => users.Any(u => u.Emails.Count > 1 || u.Phones.Count > 1);

    /// <summary>Copies the further addresses and fails the rows whose further addresses are taken; before the batch's inserts.</summary>
    public static async Task DecideAsync(NpgsqlConnection connection, IReadOnlyList<User> users, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand(Create, connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY import_addresses (ordinal, kind, address_id, user_id, address, verified, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var ordinal = 0; ordinal < users.Count; ordinal++)
            {
                foreach (var email in users[ordinal].Emails.Skip(1))
                {
                    await writer.WriteRowAsync(cancellationToken, ordinal, "e", email.EmailId, email.UserId, email.Address, email.Verified, email.CreatedAt);
                }

                foreach (var phone in users[ordinal].Phones.Skip(1))
                {
                    await writer.WriteRowAsync(cancellationToken, ordinal, "p", phone.PhoneId, phone.UserId, phone.Number, phone.Verified, phone.CreatedAt);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(Decide, connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Writes the further addresses of the users created, and with upsert verifies those of the users matched; then drops the table.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, bool upsert, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Insert + (upsert ? Upsert : "") + "DROP TABLE import_addresses;", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
