using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Godwit.Migration.EntityFrameworkCore;

/// <summary>Builds the predicates the store queries with, from the application's mapping expressions.</summary>
internal static class UserExpressions
{
    /// <summary><c>u =&gt; selector(u) == value</c>, with the value as a query parameter (not inlined SQL).</summary>
    public static Expression<Func<TUser, bool>> Equal<TUser>(Expression<Func<TUser, string?>> selector, string value) =>
        Expression.Lambda<Func<TUser, bool>>(Expression.Equal(selector.Body, Parameter(value, typeof(string))), selector.Parameters);

    public static Expression<Func<TUser, bool>> IsNull<TUser>(Expression<Func<TUser, string?>> selector) =>
        Expression.Lambda<Func<TUser, bool>>(Expression.Equal(selector.Body, Expression.Constant(null, typeof(string))), selector.Parameters);

    public static Expression<Func<TUser, bool>> IsNotNull<TUser>(Expression<Func<TUser, string?>> selector) =>
        Expression.Lambda<Func<TUser, bool>>(Expression.NotEqual(selector.Body, Expression.Constant(null, typeof(string))), selector.Parameters);

    public static Expression<Func<TUser, bool>> And<TUser>(Expression<Func<TUser, bool>> left, Expression<Func<TUser, bool>> right)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<TUser, bool>>(Expression.AndAlso(left.Body, body), left.Parameters);
    }

    /// <summary><c>u =&gt; EF.Property(u, "Id") == id</c> over every part of the primary key.</summary>
    public static Expression<Func<TUser, bool>> HasKey<TUser>(IKey key, IReadOnlyList<object?> values)
    {
        var user = Expression.Parameter(typeof(TUser), "u");
        Expression? body = null;
        for (var i = 0; i < key.Properties.Count; i++)
        {
            var property = key.Properties[i];
            var read = Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], user, Expression.Constant(property.Name));
            var equal = Expression.Equal(read, Parameter(values[i], property.ClrType));
            body = body is null ? equal : Expression.AndAlso(body, equal);
        }

        return Expression.Lambda<Func<TUser, bool>>(body!, user);
    }

    /// <summary>The property a member-access expression names, such as <c>u =&gt; u.GodwitUserId</c>.</summary>
    public static PropertyInfo Property<TUser>(Expression<Func<TUser, string?>> selector) =>
        selector.Body is MemberExpression { Member: PropertyInfo property } member && member.Expression == selector.Parameters[0] && property.CanWrite
            ? property
            : throw new ArgumentException($"The Godwit user id must be a settable property of {typeof(TUser).Name}, such as u => u.GodwitUserId; got {selector}.", nameof(selector));

    /// <summary>
    /// A value read from a field of a constant holder: EF Core turns such reads into query parameters,
    /// where a bare constant would be inlined into the SQL.
    /// </summary>
    public static MemberExpression Parameter(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(holder), nameof(Holder<object>.Value));
    }

    private sealed class Holder<T>(T value)
    {
        public readonly T Value = value;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
