using Godwit.Core.Events;
using Godwit.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Sqlite;

/// <summary>
/// Imports users with prepared statements in one write transaction per batch, or per several
/// (<see cref="IBulkUserWriter.BeginAsync"/>). The transaction takes
/// SQLite's write lock first (BEGIN IMMEDIATE), so the lookups that decide between creating and
/// matching see every other writer's committed rows and none can slip in before the inserts.
/// Each user created or updated gets its <c>user.imported</c> event in the same transaction.
/// </summary>
internal sealed class SqliteBulkUserWriter(SqliteGodwitDbContext db, EventLog events) : IBulkUserWriter
{
    public Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken) =>
        IBulkUserWriter.WriteInOwnTransactionAsync(this, users, upsert, cancellationToken);

    public async Task<IBulkWriteTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Imports look up and insert legacy ids in random order: with SQLite's default 2 MB page
            // cache, a million-user index no longer fits and most look-ups go to the file (a million
            // users: 48 s against 36 s). 256 MiB for this connection keeps the indexes of a few
            // million users in memory.
            await using (var cache = connection.CreateCommand())
            {
                cache.CommandText = "PRAGMA cache_size = -262144";
                await cache.ExecuteNonQueryAsync(cancellationToken);
            }

            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            return new Transaction(db, events, transaction, new Statements(connection, transaction));
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    private sealed class Transaction(SqliteGodwitDbContext db, EventLog events, SqliteTransaction transaction, Statements statements) : IBulkWriteTransaction
    {
        public Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken)
        {
            var outcomes = new List<BulkOutcome>(users.Count);
            foreach (var user in users)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = Write(statements, user, upsert);
                if (events.DescribeImported(user, outcome) is { } imported)
                {
                    Statements.Run(statements.InsertEvent, imported.EventId, imported.Type, imported.OccurredAt, imported.UserId, imported.ActorType, imported.ActorId, imported.IpAddress, imported.UserAgent, imported.Payload);
                    Statements.Run(statements.InsertOutbox, imported.EventId, imported.OccurredAt);
                }

                outcomes.Add(outcome);
            }

            return Task.FromResult<IReadOnlyList<BulkOutcome>>(outcomes);
        }

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            statements.Dispose();
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    private static BulkOutcome Write(Statements s, User user, bool upsert)
    {
        var email = user.Emails.FirstOrDefault();
        var phone = user.Phones.FirstOrDefault();
        var existing = (user.ExternalId is null ? null : Statements.Scalar(s.UserByExternalId, user.ExternalId))
            ?? (email is null ? null : Statements.Scalar(s.UserByEmail, email.Address));
        if (existing is not null)
        {
            if (upsert)
            {
                if (TakenIdentity(s, user, existing) is { } taken)
                {
                    return taken;
                }

                Update(s, existing, user);
                return new BulkOutcome.Updated(existing);
            }

            return new BulkOutcome.Matched(existing);
        }

        if (phone is not null && Statements.Scalar(s.UserByPhone, phone.Number) is not null)
        {
            return new BulkOutcome.Conflict("duplicate_phone_number", "Another user already has this phone number.");
        }

        // A further address (a Stytch export's second email...) that another user has fails the row:
        // it is not the key the person is matched by, and taking it from its owner is not the import's to do.
        if (user.Emails.Skip(1).FirstOrDefault(e => Statements.Scalar(s.UserByEmail, e.Address) is not null) is not null)
        {
            return new BulkOutcome.Conflict("duplicate_email", "Another user already has one of this user's emails.");
        }

        if (user.Phones.Skip(1).FirstOrDefault(p => Statements.Scalar(s.UserByPhone, p.Number) is not null) is not null)
        {
            return new BulkOutcome.Conflict("duplicate_phone_number", "Another user already has this phone number.");
        }

        if (TakenIdentity(s, user, owner: null) is { } conflict)
        {
            return conflict;
        }

        Statements.Run(s.InsertUser, user.UserId, user.Status == UserStatus.Active ? "active" : "pending", user.FirstName, user.MiddleName, user.LastName,
            user.TrustedMetadata, user.UntrustedMetadata, user.ExternalId, user.CreatedAt);
        foreach (var each in user.Emails)
        {
            Statements.Run(s.InsertEmail, each.EmailId, user.UserId, each.Address, each.Verified, each.CreatedAt);
        }

        foreach (var each in user.Phones)
        {
            Statements.Run(s.InsertPhone, each.PhoneId, user.UserId, each.Number, each.Verified, each.CreatedAt);
        }

        if (user.Password is { } password)
        {
            Statements.Run(s.InsertPassword, password.PasswordId, user.UserId, password.HashType, password.Hash, password.CreatedAt, password.UpdatedAt);
        }

        foreach (var totp in user.Totps)
        {
            Statements.Run(s.InsertTotp, totp.TotpId, user.UserId, totp.EncryptedSecret, totp.Verified, totp.CreatedAt, totp.ExpiresAt);
            foreach (var code in totp.RecoveryCodes)
            {
                Statements.Run(s.InsertRecoveryCode, code.RecoveryCodeId, totp.TotpId, code.EncryptedCode);
            }
        }

        foreach (var registration in user.OAuthRegistrations)
        {
            InsertRegistration(s, user.UserId, registration);
        }

        return new BulkOutcome.Created(user.UserId);
    }

    /// <summary>
    /// A provider account of the row that a user other than <paramref name="owner"/> is linked to
    /// fails the row: the unique index would fail the whole batch, and moving the link is not the import's to do.
    /// </summary>
    private static BulkOutcome.Conflict? TakenIdentity(Statements s, User user, string? owner)
    {
        foreach (var registration in user.OAuthRegistrations)
        {
            var holder = Statements.Scalar(s.UserByOAuth, registration.ProviderType, registration.ProviderSubject);
            if (holder is not null && holder != owner)
            {
                return BulkConflicts.OAuthRegistrationTaken(registration.ProviderType);
            }
        }

        return null;
    }

    private static void InsertRegistration(Statements s, string userId, Core.OAuth.OAuthRegistration registration) =>
        Statements.Run(s.InsertOAuth, registration.OAuthRegistrationId, userId, registration.ProviderType, registration.ProviderSubject,
            registration.ProfilePictureUrl, registration.Locale, registration.CreatedAt);

    /// <summary>
    /// Upsert: a password changed since the export is never reverted (see <see cref="IBulkUserWriter"/>);
    /// provider accounts are added, none removed.
    /// </summary>
    private static void Update(Statements s, string userId, User user)
    {
        Statements.Run(s.UpdateUser, userId, user.FirstName, user.MiddleName, user.LastName, user.TrustedMetadata, user.UntrustedMetadata);
        foreach (var email in user.Emails.Where(e => e.Verified))
        {
            Statements.Run(s.VerifyEmail, userId, email.Address);
        }

        foreach (var phone in user.Phones.Where(p => p.Verified))
        {
            Statements.Run(s.VerifyPhone, userId, phone.Number);
        }

        // The accounts the user is not yet linked to (TakenIdentity checked no one else is).
        foreach (var registration in user.OAuthRegistrations)
        {
            if (Statements.Scalar(s.UserByOAuth, registration.ProviderType, registration.ProviderSubject) is null)
            {
                InsertRegistration(s, userId, registration);
            }
        }

        if (user.Password is { } password)
        {
            Statements.Run(s.InsertPasswordIfNone, password.PasswordId, userId, password.HashType, password.Hash, password.CreatedAt, password.UpdatedAt);
        }
    }

    /// <summary>The batch's statements, each prepared once and run with new values per user.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly List<SqliteCommand> all = [];

        public Statements(SqliteConnection connection, SqliteTransaction transaction)
        {
            SqliteCommand Prepare(string sql, int parameters)
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                for (var i = 1; i <= parameters; i++)
                {
                    command.Parameters.Add(new SqliteParameter("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
                }

                command.Prepare();
                all.Add(command);
                return command;
            }

            UserByExternalId = Prepare("SELECT user_id FROM users WHERE external_id = $1", 1);
            UserByEmail = Prepare("SELECT user_id FROM user_emails WHERE address = $1", 1);
            UserByPhone = Prepare("SELECT user_id FROM user_phones WHERE number = $1", 1);
            InsertUser = Prepare(
                "INSERT INTO users (user_id, status, first_name, middle_name, last_name, trusted_metadata, untrusted_metadata, external_id, created_at, failed_authentications) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)", 9);
            InsertEmail = Prepare("INSERT INTO user_emails (email_id, user_id, address, verified, created_at) VALUES ($1, $2, $3, $4, $5)", 5);
            InsertPhone = Prepare("INSERT INTO user_phones (phone_id, user_id, number, verified, created_at) VALUES ($1, $2, $3, $4, $5)", 5);
            InsertPassword = Prepare("INSERT INTO user_passwords (password_id, user_id, hash_type, hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)", 6);
            InsertPasswordIfNone = Prepare(
                "INSERT INTO user_passwords (password_id, user_id, hash_type, hash, created_at, updated_at) SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM user_passwords WHERE user_id = $2)", 6);
            InsertTotp = Prepare(
                "INSERT INTO user_totps (totp_id, user_id, encrypted_secret, verified, created_at, expires_at, last_used_step, failed_attempts) VALUES ($1, $2, $3, $4, $5, $6, 0, 0)", 6);
            InsertRecoveryCode = Prepare("INSERT INTO totp_recovery_codes (recovery_code_id, totp_id, encrypted_code) VALUES ($1, $2, $3)", 3);
            UserByOAuth = Prepare("SELECT user_id FROM oauth_registrations WHERE provider_type = $1 AND provider_subject = $2", 2);
            InsertOAuth = Prepare(
                "INSERT INTO oauth_registrations (oauth_registration_id, user_id, provider_type, provider_subject, profile_picture_url, locale, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)", 7);
            UpdateUser = Prepare("UPDATE users SET first_name = $2, middle_name = $3, last_name = $4, trusted_metadata = $5, untrusted_metadata = $6 WHERE user_id = $1", 6);
            VerifyEmail = Prepare("UPDATE user_emails SET verified = 1 WHERE user_id = $1 AND address = $2", 2);
            VerifyPhone = Prepare("UPDATE user_phones SET verified = 1 WHERE user_id = $1 AND number = $2", 2);
            InsertEvent = Prepare(
                "INSERT INTO events (event_id, type, occurred_at, user_id, actor_type, actor_id, ip_address, user_agent, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9);
            InsertOutbox = Prepare("INSERT INTO event_outbox (event_id, occurred_at) VALUES ($1, $2)", 2);
        }

        public SqliteCommand UserByExternalId { get; }

        public SqliteCommand UserByEmail { get; }

        public SqliteCommand UserByPhone { get; }

        public SqliteCommand InsertUser { get; }

        public SqliteCommand InsertEmail { get; }

        public SqliteCommand InsertPhone { get; }

        public SqliteCommand InsertPassword { get; }

        public SqliteCommand InsertPasswordIfNone { get; }

        public SqliteCommand InsertTotp { get; }

        public SqliteCommand InsertRecoveryCode { get; }

        public SqliteCommand UserByOAuth { get; }

        public SqliteCommand InsertOAuth { get; }

        public SqliteCommand UpdateUser { get; }

        public SqliteCommand VerifyEmail { get; }

        public SqliteCommand VerifyPhone { get; }

        public SqliteCommand InsertEvent { get; }

        public SqliteCommand InsertOutbox { get; }

        public static string? Scalar(SqliteCommand command, params object?[] values)
        {
            Bind(command, values);
            return command.ExecuteScalar() as string;
        }

        public static void Run(SqliteCommand command, params object?[] values)
        {
            Bind(command, values);
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            foreach (var command in all)
            {
                command.Dispose();
            }
        }

        private static void Bind(SqliteCommand command, object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }
    }
}
