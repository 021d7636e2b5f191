using System.Linq.Expressions;
using Godwit.Core.Users;

namespace Godwit.Storage.Users;

/// <summary>Translates a users-search filter tree into one LINQ predicate the database evaluates.</summary>
internal static class UserFilterExpressions
{
    public static Expression<Func<User, bool>> ToExpression(UserFilter filter, GodwitDbContext db)
    {
        var user = Expression.Parameter(typeof(User), "u");
        return Expression.Lambda<Func<User, bool>>(Build(filter, user, db), user);
    }

    // Exact address and id filters name the user through the address table's own index
    // (user_id IN (SELECT … WHERE address IN …)); written as "the user has an email that…", the
    // database would test every user's addresses in turn.
    private static Expression Build(UserFilter filter, ParameterExpression user, GodwitDbContext db) => filter switch
    {
        UserFilter.All all => all.Operands.Count == 0 ? Expression.Constant(true) : all.Operands.Select(o => Build(o, user, db)).Aggregate(Expression.AndAlso),
        UserFilter.Any any => any.Operands.Count == 0 ? Expression.Constant(true) : any.Operands.Select(o => Build(o, user, db)).Aggregate(Expression.OrElse),
        UserFilter.UserIdIn f => Bind(u => f.UserIds.Contains(u.UserId), user),
        UserFilter.EmailIn f => Bind(u => db.UserEmails.Where(e => f.Addresses.Contains(e.Address)).Select(e => e.UserId).Contains(u.UserId), user),
        UserFilter.EmailIdIn f => Bind(u => db.UserEmails.Where(e => f.EmailIds.Contains(e.EmailId)).Select(e => e.UserId).Contains(u.UserId), user),
        UserFilter.EmailContains f => Bind(u => u.Emails.Any(e => e.Address.Contains(f.Fragment)), user),
        UserFilter.EmailVerified f => Bind(u => u.Emails.Any(e => e.Verified == f.Verified), user),
        UserFilter.PhoneIn f => Bind(u => db.UserPhones.Where(p => f.Numbers.Contains(p.Number)).Select(p => p.UserId).Contains(u.UserId), user),
        UserFilter.PhoneIdIn f => Bind(u => db.UserPhones.Where(p => f.PhoneIds.Contains(p.PhoneId)).Select(p => p.UserId).Contains(u.UserId), user),
        UserFilter.PhoneContains f => Bind(u => u.Phones.Any(p => p.Number.Contains(f.Fragment)), user),
        UserFilter.PhoneVerified f => Bind(u => u.Phones.Any(p => p.Verified == f.Verified), user),
        UserFilter.StatusIs f => Bind(u => u.Status == f.Status, user),
        UserFilter.CreatedAfter f => Bind(u => u.CreatedAt > f.Instant, user),
        UserFilter.CreatedBefore f => Bind(u => u.CreatedAt < f.Instant, user),
        UserFilter.FullNameContains f => Bind(
            // Middle name only when present, so "bob stone" matches a user without one.
            u => ((u.FirstName ?? "") + " " + (u.MiddleName == null || u.MiddleName == "" ? "" : u.MiddleName + " ") + (u.LastName ?? "")).ToLower().Contains(f.Fragment),
            user),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType().Name, "Unknown filter."),
    };

    /// <summary>Rewrites a predicate onto the shared parameter so predicates combine into one lambda.</summary>
    private static Expression Bind(Expression<Func<User, bool>> predicate, ParameterExpression user) =>
        new ParameterSwap(predicate.Parameters[0], user).Visit(predicate.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
