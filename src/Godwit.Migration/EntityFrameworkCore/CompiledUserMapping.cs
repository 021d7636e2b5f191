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
    }

    public Expression<Func<TUser, string?>> GodwitUserId { get; }

    public PropertyInfo GodwitUserIdProperty { get; }

    public Func<TUser, string?> ReadGodwitUserId { get; }

    public Expression<Func<TUser, string?>>? Email { get; }

    public Expression<Func<TUser, string?>>? PhoneNumber { get; }

    public Func<string, string> NormalizeEmail { get; }

    public Func<string, string> NormalizePhoneNumber { get; }

    public Func<UserWire, TUser> CreateUser { get; }

    public static CompiledUserMapping<TUser> From(EfUserMapping<TUser> mapping) => new(mapping);
}
