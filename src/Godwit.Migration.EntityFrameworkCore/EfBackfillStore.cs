using System.Linq.Expressions;
using Godwit.Contracts.Users;
using Godwit.Migration.Backfill;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Godwit.Migration.EntityFrameworkCore;

/// <summary>
/// Unlinked users in primary-key order, page after page: <c>WHERE godwit_user_id IS NULL AND key &gt;
/// @last ORDER BY key LIMIT n</c>, served by the primary key's index. A key is compared with the
/// database's own ordering, so the pages agree with <c>ORDER BY</c> on any provider and collation.
/// </summary>
internal sealed class EfBackfillStore<TContext, TUser> : IBackfillStore<TUser>
    where TContext : DbContext
    where TUser : class
{
    private readonly TContext db;
    private readonly CompiledUserMapping<TUser> mapping;
    private readonly IKey primaryKey;
    private readonly IProperty key;

    public EfBackfillStore(TContext db, CompiledUserMapping<TUser> mapping)
    {
        this.db = db;
        this.mapping = mapping;
        primaryKey = db.Model.FindEntityType(typeof(TUser))?.FindPrimaryKey()
            ?? throw new InvalidOperationException($"Godwit migration: {typeof(TUser).Name} is not an entity of the DbContext, or has no primary key.");
        key = primaryKey.Properties.Count == 1
            ? primaryKey.Properties[0]
            : throw new InvalidOperationException($"Godwit backfill: {typeof(TUser).Name} has a composite primary key; the backfill walks users by a single-column key.");
    }

    public async Task<IReadOnlyList<TUser>> ListUnlinkedAsync(TUser? after, int count, CancellationToken cancellationToken)
    {
        var users = db.Set<TUser>().AsNoTracking().Where(UserExpressions.IsNull(mapping.GodwitUserId));
        if (after is not null)
        {
            users = users.Where(After(key.GetGetter().GetClrValue(after)));
        }

        return await OrderByKey(users).Take(count).ToListAsync(cancellationToken);
    }

    public Task<TUser?> FindAsync(TUser user, CancellationToken cancellationToken) =>
        db.Set<TUser>().Where(UserExpressions.HasKey<TUser>(primaryKey, [key.GetGetter().GetClrValue(user)])).FirstOrDefaultAsync(cancellationToken);

    public string? GetGodwitUserId(TUser user) => mapping.ReadGodwitUserId(user);

    public CreateUserRequest NewGodwitUser(TUser user) => (mapping.NewGodwitUser ?? throw new InvalidOperationException(
        "Godwit migration: the Email or PhoneNumber mapping is an expression, not a plain property; set NewGodwitUser in UseEntityFrameworkCore "
        + "to say what Godwit's Create User gets for a backfilled or dual-written user."))(user);

    private IQueryable<TUser> OrderByKey(IQueryable<TUser> users)
    {
        var user = Expression.Parameter(typeof(TUser), "u");
        var byKey = Expression.Lambda(ReadKey(user), user);
        return users.Provider.CreateQuery<TUser>(
            Expression.Call(typeof(Queryable), nameof(Queryable.OrderBy), [typeof(TUser), key.ClrType], users.Expression, Expression.Quote(byKey)));
    }

    /// <summary><c>u =&gt; key(u) &gt; last</c>: the operator for numbers, <c>string.Compare</c> (which EF translates to <c>&gt;</c>) for text.</summary>
    private Expression<Func<TUser, bool>> After(object? last)
    {
        var user = Expression.Parameter(typeof(TUser), "u");
        var read = ReadKey(user);
        var value = UserExpressions.Parameter(last, key.ClrType);
        Expression greater = key.ClrType == typeof(string)
            ? Expression.GreaterThan(Expression.Call(typeof(string), nameof(string.Compare), null, read, value), Expression.Constant(0))
            : key.ClrType == typeof(Guid)
                ? Expression.GreaterThan(Expression.Call(read, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, value), Expression.Constant(0))
                : Expression.GreaterThan(read, value);
        return Expression.Lambda<Func<TUser, bool>>(greater, user);
    }

    private MethodCallExpression ReadKey(ParameterExpression user) =>
        Expression.Call(typeof(EF), nameof(EF.Property), [key.ClrType], user, Expression.Constant(key.Name));
}
