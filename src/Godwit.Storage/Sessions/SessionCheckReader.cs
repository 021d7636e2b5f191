using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Godwit.Storage.Sessions;

/// <summary>
/// The session check's read: the session joined to its user in one statement, then the user's
/// addresses and factors in one batch of statements, read with plain ADO.NET on prepared
/// statements. It reads exactly what <c>EfSessionStore.FindByTokenHashAsync</c> and
/// <c>EfUserStore.FindForReadingAsync</c> read, from SQL built from the same model (see
/// <see cref="EntityReader{T}"/>); it exists because EF Core prepares every statement anew, and
/// planning the user's eight-table join was most of SQLite's share of a session check.
/// </summary>
/// <remarks>
/// With <paramref name="keepsConnections"/> (SQLite) each reader keeps its connection open with its
/// statements prepared on it, since Microsoft.Data.Sqlite finalizes a connection's statements when it
/// closes; idle readers wait in a bag for the next check. Otherwise (PostgreSQL) every check takes a
/// pooled connection and prepares nothing explicitly: a connection pooler in transaction mode
/// (PgBouncer before 1.21) would lose prepared statements between checks.
/// </remarks>
internal sealed class SessionCheckReader(Func<DbConnection> newConnection, bool keepsConnections) : IDisposable
{
    /// <summary>Enough for every request a two-core server runs at once; more are opened and closed as needed.</summary>
    private const int MaxIdleReaders = 64;

    /// <summary>
    /// The user's collections <c>EfUserStore.FindForReadingAsync</c> includes, in the order of the
    /// batch's statements. A collection added there must be added here; the store tests compare both reads.
    /// </summary>
    private static readonly string[] UserParts =
    [
        nameof(User.Emails), nameof(User.Phones), nameof(User.Password), nameof(User.Totps),
        nameof(User.WebAuthnRegistrations), nameof(User.BiometricRegistrations), nameof(User.OAuthRegistrations),
    ];

    private readonly ConcurrentBag<ReaderConnection> idle = [];
    private Statements? statements;
    private bool disposed;

    public Task<SessionWithUser?> FindByTokenHashAsync(GodwitDbContext db, byte[] tokenHash, DateTime now, CancellationToken cancellationToken) =>
        FindAsync(db, byTokenHash: true, tokenHash, now, cancellationToken);

    public Task<SessionWithUser?> FindByIdAsync(GodwitDbContext db, string sessionId, DateTime now, CancellationToken cancellationToken) =>
        FindAsync(db, byTokenHash: false, sessionId, now, cancellationToken);

    private async Task<SessionWithUser?> FindAsync(GodwitDbContext db, bool byTokenHash, object key, DateTime now, CancellationToken cancellationToken)
    {
        var sql = statements ??= new Statements(db.Model);
        var connection = idle.TryTake(out var kept) ? kept : await ReaderConnection.OpenAsync(newConnection(), sql, keepsConnections, cancellationToken);
        var reusable = false;
        try
        {
            var found = await connection.FindAsync(sql, byTokenHash, key, now, cancellationToken);
            reusable = true;
            return found;
        }
        finally
        {
            if (reusable && keepsConnections && !Volatile.Read(ref disposed) && idle.Count < MaxIdleReaders)
            {
                idle.Add(connection);
                if (Volatile.Read(ref disposed))
                {
                    Dispose();
                }
            }
            else
            {
                await connection.DisposeAsync();
            }
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        while (idle.TryTake(out var connection))
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The SQL of the three commands, built once from the model.</summary>
    private sealed class Statements
    {
        public Statements(IModel model)
        {
            var sessionType = model.FindEntityType(typeof(Session))!;
            var userType = model.FindEntityType(typeof(User))!;
            Session = new EntityReader<Session>(sessionType, "s");
            User = new EntityReader<User>(userType, "u");
            var userKey = sessionType.FindProperty(nameof(Core.Sessions.Session.UserId))!;
            var expiresAt = sessionType.FindProperty(nameof(Core.Sessions.Session.ExpiresAt))!;
            TokenHash = sessionType.FindProperty(nameof(Core.Sessions.Session.TokenHash))!;
            SessionId = sessionType.FindProperty(nameof(Core.Sessions.Session.SessionId))!;
            ExpiresAt = expiresAt;
            UserId = userType.FindPrimaryKey()!.Properties.Single();
            string SessionAndUser(IProperty key) =>
                $"SELECT {Session.Columns}, {User.Columns} FROM {Session.Table} AS \"s\" INNER JOIN {User.Table} AS \"u\" ON {User.Column(UserId)} = {Session.Column(userKey)} "
                + $"WHERE {Session.Column(key)} = @key AND {Session.Column(expiresAt)} > @now LIMIT 1";
            ByTokenHash = SessionAndUser(TokenHash);
            ById = SessionAndUser(SessionId);

            Parts = UserParts.Select(name => new UserPart(userType.FindNavigation(name)!)).ToArray();
            UserPartsBatch = string.Join(";\n", Parts.Select(part => part.Sql));
        }

        public EntityReader<Session> Session { get; }

        public EntityReader<User> User { get; }

        public IProperty TokenHash { get; }

        public IProperty SessionId { get; }

        public IProperty ExpiresAt { get; }

        public IProperty UserId { get; }

        public string ByTokenHash { get; }

        public string ById { get; }

        public UserPart[] Parts { get; }

        public string UserPartsBatch { get; }
    }

    /// <summary>One of the user's collections (or the password), read by the user's id in key order, as EF Core's joined query orders them.</summary>
    private sealed class UserPart
    {
        private readonly Func<DbDataReader, int, object> read;
        private readonly Action<User, object> attach;

        public UserPart(INavigation navigation)
        {
            var reader = (IEntityReader)Activator.CreateInstance(typeof(EntityReader<>).MakeGenericType(navigation.TargetEntityType.ClrType), navigation.TargetEntityType, "p")!;
            read = reader.ReadBoxed;
            var foreignKey = navigation.ForeignKey.Properties.Single();
            var order = string.Join(", ", navigation.TargetEntityType.FindPrimaryKey()!.Properties.Select(reader.Column));
            Sql = $"SELECT {reader.Columns} FROM {reader.Table} AS \"p\" WHERE {reader.Column(foreignKey)} = @user_id ORDER BY {order}";
            attach = navigation.IsCollection ? AddTo(navigation.GetCollectionAccessor()!) : SetOn(navigation.GetMemberInfo(forMaterialization: true, forSet: true));
        }

        public string Sql { get; }

        public void Add(User user, DbDataReader reader) => attach(user, read(reader, 0));

        private static Action<User, object> AddTo(IClrCollectionAccessor collection) =>
            (user, part) => collection.Add(user, part, forMaterialization: true);

        private static Action<User, object> SetOn(MemberInfo member)
        {
            var user = Expression.Parameter(typeof(User), "user");
            var part = Expression.Parameter(typeof(object), "part");
            var target = Expression.MakeMemberAccess(user, member);
            return Expression.Lambda<Action<User, object>>(Expression.Assign(target, Expression.Convert(part, target.Type)), user, part).Compile();
        }
    }

    /// <summary>One connection with the three commands prepared on it.</summary>
    private sealed class ReaderConnection : IAsyncDisposable
    {
        private readonly DbConnection connection;
        private readonly DbCommand byTokenHash;
        private readonly DbCommand byId;
        private readonly DbCommand userParts;
        private readonly HashSet<DbCommand> prepared = [];
        private readonly bool prepares;

        private ReaderConnection(DbConnection connection, Statements sql, bool prepares)
        {
            this.connection = connection;
            this.prepares = prepares;
            byTokenHash = Command(sql.ByTokenHash);
            byId = Command(sql.ById);
            userParts = Command(sql.UserPartsBatch);
        }

        public static async Task<ReaderConnection> OpenAsync(DbConnection connection, Statements sql, bool keepsConnections, CancellationToken cancellationToken)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                return new ReaderConnection(connection, sql, prepares: keepsConnections);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async Task<SessionWithUser?> FindAsync(Statements sql, bool byTokenHash, object key, DateTime now, CancellationToken cancellationToken)
        {
            var find = byTokenHash ? this.byTokenHash : byId;
            Bind(find, "@key", byTokenHash ? sql.TokenHash : sql.SessionId, key);
            Bind(find, "@now", sql.ExpiresAt, now);
            await PrepareOnceAsync(find, cancellationToken);
            Session session;
            User user;
            await using (var row = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (!await row.ReadAsync(cancellationToken))
                {
                    return null;
                }

                session = sql.Session.Read(row, 0);
                user = sql.User.Read(row, sql.Session.ColumnCount);
            }

            Bind(userParts, "@user_id", sql.UserId, user.UserId);
            await PrepareOnceAsync(userParts, cancellationToken);
            await using (var parts = await userParts.ExecuteReaderAsync(cancellationToken))
            {
                foreach (var part in sql.Parts)
                {
                    while (await parts.ReadAsync(cancellationToken))
                    {
                        part.Add(user, parts);
                    }

                    await parts.NextResultAsync(cancellationToken);
                }
            }

            return new SessionWithUser(session, user);
        }

        /// <summary>Prepares a command once its parameters are bound (Npgsql needs their types to prepare).</summary>
        private async Task PrepareOnceAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (prepares && prepared.Add(command))
            {
                await command.PrepareAsync(cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await byTokenHash.DisposeAsync();
            await byId.DisposeAsync();
            await userParts.DisposeAsync();
            await connection.DisposeAsync();
        }

        private DbCommand Command(string text)
        {
            var command = connection.CreateCommand();
            command.CommandText = text;
            return command;
        }

        /// <summary>Sets a parameter as EF Core would for the property: its provider type and converted value.</summary>
        private static void Bind(DbCommand command, string name, IProperty property, object value)
        {
            var mapping = property.GetRelationalTypeMapping();
            var index = command.Parameters.IndexOf(name);
            if (index < 0)
            {
                command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable: false));
            }
            else
            {
                command.Parameters[index].Value = mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
            }
        }
    }
}
