using Godwit.Core.Users;
using Npgsql;

namespace Godwit.Storage.Postgres;

/// <summary>
/// The provider accounts imported users are linked to (their OAuth registrations): copied into a
/// temporary table, checked against the accounts other users are linked to and against the batch's
/// earlier rows, and written with the users the batch creates, or with upsert added to the users it matches.
/// </summary>
internal static class PostgresOAuthIdentities
{
    private const string Create = """
        CREATE TEMP TABLE import_identities (ordinal int, registration_id text, provider_type text, provider_subject text,
            profile_picture_url text, locale text, created_at timestamptz) ON COMMIT DROP
        """;

    /// <summary>
    /// An account linked to a user other than the row's person, or brought by an earlier row of
    /// another person, fails the row, as the SQLite writer decides row by row; without upsert a
    /// matched row writes nothing, so it neither fails nor holds an account. Rows that repeat a
    /// failed row's person fail with it.
    /// </summary>
    private const string Decide = """
        CREATE INDEX ON import_identities (provider_type, provider_subject);
        ANALYZE import_identities;
        UPDATE import_batch b SET conflict = 'duplicate_oauth_registration', conflict_detail = taken.provider_type
        FROM (SELECT DISTINCT ON (m.ordinal) m.ordinal, m.provider_type FROM import_identities m JOIN import_batch mb ON mb.ordinal = m.ordinal
              WHERE (mb.existing IS NULL OR @upsert)
                AND (coalesce((SELECT r.user_id FROM oauth_registrations r WHERE r.provider_type = m.provider_type AND r.provider_subject = m.provider_subject),
                              coalesce(mb.existing, mb.user_id)) <> coalesce(mb.existing, mb.user_id)
                  OR EXISTS (SELECT 1 FROM import_identities o JOIN import_batch ob ON ob.ordinal = o.ordinal
                             WHERE o.provider_type = m.provider_type AND o.provider_subject = m.provider_subject AND o.ordinal < m.ordinal
                               AND ob.conflict IS NULL AND (ob.existing IS NULL OR @upsert) AND coalesce(ob.existing, ob.user_id) <> coalesce(mb.existing, mb.user_id)))
              ORDER BY m.ordinal) taken
        WHERE taken.ordinal = b.ordinal AND b.conflict IS NULL;
        UPDATE import_batch b SET conflict = f.conflict, conflict_detail = f.conflict_detail
        FROM import_batch f WHERE f.ordinal = b.duplicate_of AND f.conflict IS NOT NULL AND b.existing = f.user_id AND b.conflict IS NULL;
        """;

    private const string Insert = """
        INSERT INTO oauth_registrations (oauth_registration_id, user_id, provider_type, provider_subject, profile_picture_url, locale, created_at)
            SELECT m.registration_id, b.user_id, m.provider_type, m.provider_subject, m.profile_picture_url, m.locale, m.created_at
            FROM import_identities m JOIN import_batch b ON b.ordinal = m.ordinal WHERE b.existing IS NULL AND b.conflict IS NULL;
        """;

    /// <summary>
    /// Upsert links a matched user to the accounts they are not linked to yet; Decide failed the rows
    /// whose accounts another user holds, so a conflict left here is the user's own link, kept.
    /// </summary>
    private const string Upsert = """
        INSERT INTO oauth_registrations (oauth_registration_id, user_id, provider_type, provider_subject, profile_picture_url, locale, created_at)
            SELECT DISTINCT ON (m.provider_type, m.provider_subject) m.registration_id, b.existing, m.provider_type, m.provider_subject, m.profile_picture_url, m.locale, m.created_at
            FROM import_identities m JOIN import_batch b ON b.ordinal = m.ordinal WHERE b.existing IS NOT NULL AND b.conflict IS NULL
            ORDER BY m.provider_type, m.provider_subject, m.ordinal
            ON CONFLICT (provider_type, provider_subject) DO NOTHING;
        """;

    public static bool Any(IReadOnlyList<User> users) => users.Any(u => u.OAuthRegistrations.Count > 0);

    /// <summary>Copies the accounts and fails the rows whose accounts are taken; before the batch's inserts.</summary>
    public static async Task DecideAsync(NpgsqlConnection connection, IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand(Create, connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY import_identities (ordinal, registration_id, provider_type, provider_subject, profile_picture_url, locale, created_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var ordinal = 0; ordinal < users.Count; ordinal++)
            {
                foreach (var r in users[ordinal].OAuthRegistrations)
                {
                    await writer.WriteRowAsync(cancellationToken, ordinal, r.OAuthRegistrationId, r.ProviderType, r.ProviderSubject,
                        (object?)r.ProfilePictureUrl ?? DBNull.Value, (object?)r.Locale ?? DBNull.Value, r.CreatedAt);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(Decide.Replace("@upsert", upsert ? "true" : "false", StringComparison.Ordinal), connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Writes the accounts of the users created, and with upsert adds those of the users matched; then drops the table.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, bool upsert, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Insert + (upsert ? Upsert : "") + "DROP TABLE import_identities;", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
