using System.Linq.Expressions;
using System.Reflection;
using Godwit.Contracts.Users;

namespace Godwit.Migration.EntityFrameworkCore;

/// <summary>An <see cref="EfUserMapping{TUser}"/> checked once at registration, with its accessors compiled.</summary>
internal sealed class CompiledUserMapping<TUser>
    where TUser : class
{
    private CompiledUserMapping(EfUserMapping<TUser> mapping)
    {
        GodwitUserId = mapping.GodwitUserId ?? throw new InvalidOperationException($"Godwit migration: set GodwitUserId in UseEntityFrameworkCore, such as users.GodwitUserId = u => u.GodwitUserId.");
        CreateUser = mapping.CreateUser ?? throw new InvalidOperationException("Godwit migration: set CreateUser in UseEntityFrameworkCore: it makes the application's user for a sign-up.");
        GodwitUserIdProperty = UserExpressions.Property(GodwitUserId);
        ReadGodwitUserId = GodwitUserId.Compile();
        Email = mapping.Email;
        PhoneNumber = mapping.PhoneNumber;
        NormalizeEmail = mapping.NormalizeEmail ?? (email => email);
        NormalizePhoneNumber = mapping.NormalizePhoneNumber ?? (phone => phone);
        NewGodwitUser = mapping.NewGodwitUser ?? DefaultNewGodwitUser(mapping.Email, mapping.PhoneNumber);
        ProviderSubjects = mapping.ProviderSubjects.ToDictionary(
            p => p.Key, p => new ProviderSubjectColumn<TUser>(p.Value, p.Value.Compile()), StringComparer.OrdinalIgnoreCase);
    }

    public Expression<Func<TUser, string?>> GodwitUserId { get; }

    public PropertyInfo GodwitUserIdProperty { get; }

    public Func<TUser, string?> ReadGodwitUserId { get; }

    public Expression<Func<TUser, string?>>? Email { get; }

    public Expression<Func<TUser, string?>>? PhoneNumber { get; }

    public Func<string, string> NormalizeEmail { get; }

    public Func<string, string> NormalizePhoneNumber { get; }

    public Func<UserWire, TUser> CreateUser { get; }

    /// <summary>Where each provider's subject is, by provider type ignoring case.</summary>
    public IReadOnlyDictionary<string, ProviderSubjectColumn<TUser>> ProviderSubjects { get; }

    /// <summary>Create User's body for a backfill or a dual write; null when the mapping cannot say (see <see cref="EfUserMapping{TUser}.NewGodwitUser"/>).</summary>
    public Func<TUser, CreateUserRequest>? NewGodwitUser { get; }

    public static CompiledUserMapping<TUser> From(EfUserMapping<TUser> mapping) => new(mapping);

    /// <summary>
    /// Reads the Email and PhoneNumber properties when they are plain properties. An expression such as
    /// <c>u =&gt; u.Email!.ToLower()</c> is written for the database, where a null propagates; run in
    /// memory it would throw on a user without an email, so such a mapping must say it itself.
    /// </summary>
    private static Func<TUser, CreateUserRequest>? DefaultNewGodwitUser(Expression<Func<TUser, string?>>? email, Expression<Func<TUser, string?>>? phone)
    {
        if (!IsPlainProperty(email) || !IsPlainProperty(phone))
        {
            return null;
        }

        var readEmail = email?.Compile();
        var readPhone = phone?.Compile();
        return user => new CreateUserRequest { Email = Blank(readEmail?.Invoke(user)), PhoneNumber = Blank(readPhone?.Invoke(user)) };
    }

    private static bool IsPlainProperty(Expression<Func<TUser, string?>>? selector) =>
        selector is null || (selector.Body is MemberExpression { Member: PropertyInfo } member && member.Expression == selector.Parameters[0]);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A provider subject's selector, for the query, and compiled, to check a found user exactly.</summary>
internal sealed record ProviderSubjectColumn<TUser>(Expression<Func<TUser, string?>> Selector, Func<TUser, string?> Read)
    where TUser : class;
