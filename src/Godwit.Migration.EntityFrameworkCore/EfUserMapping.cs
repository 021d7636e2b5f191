using System.Linq.Expressions;
using Godwit.Contracts.Users;

namespace Godwit.Migration.EntityFrameworkCore;

/// <summary>How the application's user entity maps onto what the migration step needs.</summary>
/// <typeparam name="TUser">The application's user entity.</typeparam>
public sealed class EfUserMapping<TUser>
    where TUser : class
{
    /// <summary>
    /// Required. The string property that holds the Godwit user id, such as <c>u =&gt; u.GodwitUserId</c>.
    /// It must have a unique index: <c>modelBuilder.UseGodwitMigration&lt;TUser&gt;(...)</c> declares it.
    /// </summary>
    public Expression<Func<TUser, string?>>? GodwitUserId { get; set; }

    /// <summary>
    /// The email to match a verified Godwit email against, or null to never match by email. Any
    /// expression EF Core can translate: <c>u =&gt; u.Email</c>, or <c>u =&gt; u.Email!.ToLower()</c>
    /// for a column holding mixed case (simple, but no index serves it), or a normalised column.
    /// </summary>
    public Expression<Func<TUser, string?>>? Email { get; set; }

    /// <summary>
    /// Turns Godwit's email (trimmed, lower case) into the form <see cref="Email"/> holds, such as
    /// <c>e =&gt; e.ToUpperInvariant()</c> for ASP.NET Core Identity's NormalizedEmail. Unchanged by default.
    /// </summary>
    public Func<string, string> NormalizeEmail { get; set; } = email => email;

    /// <summary>The phone number to match a verified Godwit phone number against, or null to never match by phone.</summary>
    public Expression<Func<TUser, string?>>? PhoneNumber { get; set; }

    /// <summary>Turns Godwit's E.164 number (<c>+15555550123</c>) into the form <see cref="PhoneNumber"/> holds. Unchanged by default.</summary>
    public Func<string, string> NormalizePhoneNumber { get; set; } = phone => phone;

    /// <summary>Declared with <see cref="ProviderSubject"/>, by provider type (compared ignoring case).</summary>
    internal Dictionary<string, Expression<Func<TUser, string?>>> ProviderSubjects { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where the application stored a provider's subject for its users (the id a social login gave it),
    /// such as <c>.ProviderSubject("Google", u =&gt; u.GoogleId)</c>: a Godwit user with a registration of
    /// that provider is linked to the unlinked user holding its subject, before any email is tried.
    /// Give the column an index; subjects are compared exactly (ordinal), so store them as the provider
    /// gave them. One property per provider.
    /// </summary>
    /// <param name="providerType">Stytch's spelling of the provider: <c>Google</c>, <c>Apple</c>, <c>Microsoft</c>,
    /// <c>Github</c>, <c>Facebook</c>, <c>GitLab</c>, <c>Discord</c>, or a generic OIDC provider's type.</param>
    /// <param name="subject">The string property (or an expression over the user's own columns) holding the subject.</param>
    /// <returns>This mapping, to declare the next provider.</returns>
    public EfUserMapping<TUser> ProviderSubject(string providerType, Expression<Func<TUser, string?>> subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerType);
        ArgumentNullException.ThrowIfNull(subject);
        if (!ProviderSubjects.TryAdd(providerType, subject))
        {
            throw new ArgumentException($"Godwit migration: the {providerType} subject is already mapped; one property per provider.", nameof(providerType));
        }

        return this;
    }

    /// <summary>
    /// Required. Makes the application's user for someone seen for the first time (a sign-up). The
    /// Godwit user id is set on it afterwards; the rest is the application's choice.
    /// </summary>
    public Func<UserWire, TUser>? CreateUser { get; set; }

    /// <summary>
    /// What Godwit's Create User gets for an application user that has no Godwit user yet, in a
    /// backfill or a dual write: email, phone number, name, metadata. The library sets
    /// <c>external_id</c> to the application user's id itself. By default the values of
    /// <see cref="Email"/> and <see cref="PhoneNumber"/> when those are plain properties
    /// (<c>u =&gt; u.Email</c>); set it when they are expressions, or to send a name.
    /// </summary>
    public Func<TUser, CreateUserRequest>? NewGodwitUser { get; set; }
}
