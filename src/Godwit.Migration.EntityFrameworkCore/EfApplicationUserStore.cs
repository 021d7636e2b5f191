using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Godwit.Contracts.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Godwit.Migration.EntityFrameworkCore;

/// <summary>
/// The application's users in its own EF Core model, for any provider. Links with a conditional
/// <c>UPDATE … WHERE godwit_user_id IS NULL</c> whose row count decides who linked first, and
/// creates relying on the unique index on the Godwit user id: the loser of a race sees a constraint
/// violation, writes nothing, and the step looks the winner's user up.
/// </summary>
internal sealed class EfApplicationUserStore<TContext, TUser> : IApplicationUserStore<TUser>
    where TContext : DbContext
    where TUser : class
{
    private static readonly ConcurrentDictionary<Type, IKey> CheckedModels = new();

    private readonly TContext db;
    private readonly CompiledUserMapping<TUser> mapping;
    private readonly IKey key;

    public EfApplicationUserStore(TContext db, CompiledUserMapping<TUser> mapping)
    {
        this.db = db;
        this.mapping = mapping;
        key = CheckedModels.GetOrAdd(db.GetType(), _ => CheckModel(db.Model, mapping));
    }

    public async Task<TUser?> FindByGodwitUserIdAsync(string godwitUserId, CancellationToken cancellationToken)
    {
        var user = await db.Set<TUser>().Where(UserExpressions.Equal(mapping.GodwitUserId, godwitUserId)).FirstOrDefaultAsync(cancellationToken);
        // Ordinal check as well: a case-insensitive collation must not hand one person another's user.
        return user is not null && string.Equals(mapping.ReadGodwitUserId(user), godwitUserId, StringComparison.Ordinal) ? user : null;
    }

    public Task<TUser?> FindUnlinkedByEmailAsync(string email, CancellationToken cancellationToken) =>
        mapping.Email is { } selector ? FindUnlinkedAsync(selector, mapping.NormalizeEmail(email), cancellationToken) : Task.FromResult<TUser?>(null);

    public Task<TUser?> FindUnlinkedByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken) =>
        mapping.PhoneNumber is { } selector ? FindUnlinkedAsync(selector, mapping.NormalizePhoneNumber(phoneNumber), cancellationToken) : Task.FromResult<TUser?>(null);

    public async Task<TUser?> FindUnlinkedByProviderSubjectAsync(string providerType, string providerSubject, CancellationToken cancellationToken)
    {
        if (!mapping.ProviderSubjects.TryGetValue(providerType, out var column))
        {
            return null;
        }

        var unlinked = UserExpressions.And(UserExpressions.Equal(column.Selector, providerSubject), UserExpressions.IsNull(mapping.GodwitUserId));
        var candidates = await db.Set<TUser>().Where(unlinked).ToListAsync(cancellationToken);
        // Ordinal, whatever the column's collation: subjects such as Microsoft's differ by case alone.
        return candidates.FirstOrDefault(u => string.Equals(column.Read(u), providerSubject, StringComparison.Ordinal));
    }

    public string GetApplicationUserId(TUser user)
    {
        var entry = db.Entry(user);
        return string.Join('|', key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
    }

    public async Task<bool> TryLinkAsync(TUser user, string godwitUserId, MigrationRecord record, CancellationToken cancellationToken)
    {
        var entry = db.Entry(user);
        var keyValues = key.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToList();
        var unlinked = UserExpressions.And(UserExpressions.HasKey<TUser>(key, keyValues), UserExpressions.IsNull(mapping.GodwitUserId));
        await using var transaction = await BeginAsync(cancellationToken);
        // The row count decides: of two logins that both found this user unlinked, only one updates it.
        var updated = await db.Set<TUser>().Where(unlinked)
            .ExecuteUpdateAsync(setters => setters.SetProperty(mapping.GodwitUserId, godwitUserId), cancellationToken);
        if (updated == 0)
        {
            // The tracked copy still shows no link; refresh it, or the next lookup (which EF
            // answers with this tracked instance) would not see the winner's.
            await entry.ReloadAsync(cancellationToken);
            return false;
        }

        await AddEventAsync(MigrationEvent.From(record, GetApplicationUserId(user)), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        // The update bypassed the change tracker; make the tracked user agree with the row.
        var property = entry.Property(mapping.GodwitUserIdProperty.Name);
        property.CurrentValue = godwitUserId;
        property.OriginalValue = godwitUserId;
        return true;
    }

    public async Task<TUser?> TryCreateAsync(UserWire godwitUser, MigrationRecord record, CancellationToken cancellationToken)
    {
        var user = mapping.CreateUser(godwitUser);
        mapping.GodwitUserIdProperty.SetValue(user, godwitUser.UserId);
        ExceptionDispatchInfo? failure;
        await using (var transaction = await BeginAsync(cancellationToken))
        {
            db.Add(user);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await AddEventAsync(MigrationEvent.From(record, GetApplicationUserId(user)), cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return user;
            }
            catch (DbUpdateException exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
                db.Entry(user).State = EntityState.Detached;
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                {
                    added.State = EntityState.Detached;
                }
            }
        }

        // After the rollback (PostgreSQL refuses every statement in a failed transaction): if a
        // concurrent login created this person, the violation was the unique Godwit user id.
        if (await db.Set<TUser>().AnyAsync(UserExpressions.Equal(mapping.GodwitUserId, godwitUser.UserId), cancellationToken))
        {
            return null;
        }

        failure.Throw();
        throw new UnreachableException();
    }

    public async Task RecordAsync(string applicationUserId, MigrationRecord record, CancellationToken cancellationToken) =>
        await AddEventAsync(MigrationEvent.From(record, applicationUserId), cancellationToken);

    private Task<TUser?> FindUnlinkedAsync(System.Linq.Expressions.Expression<Func<TUser, string?>> selector, string value, CancellationToken cancellationToken) =>
        db.Set<TUser>().Where(UserExpressions.And(UserExpressions.Equal(selector, value), UserExpressions.IsNull(mapping.GodwitUserId))).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A transaction of our own, unless the application already opened one around the step.</summary>
    private Task<OwnTransaction?> BeginAsync(CancellationToken cancellationToken) => OwnTransaction.BeginAsync(db, cancellationToken);

    private async Task AddEventAsync(MigrationEvent migrationEvent, CancellationToken cancellationToken)
    {
        var entry = db.Add(migrationEvent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            // Events are written, never read back through this context: do not let them accumulate.
            entry.State = EntityState.Detached;
        }
    }

    private static IKey CheckModel(IModel model, CompiledUserMapping<TUser> mapping)
    {
        var users = model.FindEntityType(typeof(TUser))
            ?? throw new InvalidOperationException($"Godwit migration: {typeof(TUser).Name} is not an entity of the DbContext.");
        if (model.FindEntityType(typeof(MigrationEvent)) is null
            || !users.GetIndexes().Any(i => i.IsUnique && i.Properties.Count == 1 && i.Properties[0].Name == mapping.GodwitUserIdProperty.Name))
        {
            throw new InvalidOperationException(
                $"Godwit migration: call modelBuilder.UseGodwitMigration<{typeof(TUser).Name}>(u => u.{mapping.GodwitUserIdProperty.Name}) in OnModelCreating. "
                + "It declares the unique index on the Godwit user id, which keeps two simultaneous first logins from creating two users, and the godwit_migration_events table.");
        }

        return users.FindPrimaryKey() ?? throw new InvalidOperationException($"Godwit migration: {typeof(TUser).Name} has no primary key.");
    }
}
