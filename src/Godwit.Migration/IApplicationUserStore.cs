using Godwit.Contracts.Users;

namespace Godwit.Migration;

/// <summary>
/// The application's own users, as the migration step needs them. The store must keep the Godwit
/// user id unique (a unique index): two first logins of one person at the same instant are told
/// apart only by that constraint. <c>UseEntityFrameworkCore</c> (Godwit.Migration.EntityFrameworkCore) provides one for any EF Core provider.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public interface IApplicationUserStore<TUser>
    where TUser : class
{
    /// <summary>The user holding this Godwit user id, or null.</summary>
    Task<TUser?> FindByGodwitUserIdAsync(string godwitUserId, CancellationToken cancellationToken);

    /// <summary>A user with this email address and no Godwit user id yet, or null.</summary>
    Task<TUser?> FindUnlinkedByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>A user with this phone number (E.164) and no Godwit user id yet, or null.</summary>
    Task<TUser?> FindUnlinkedByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken);

    /// <summary>
    /// A user holding this provider account's subject (such as the Google id the application stored at
    /// a social login) and no Godwit user id yet, or null. Compare the subject exactly (ordinal): it is
    /// the provider's id for one person. Stores that keep no provider subjects leave this out: it
    /// answers null, and the step goes on to the email.
    /// </summary>
    /// <param name="providerType">Stytch's spelling of the provider, such as <c>Google</c> or <c>Github</c>.</param>
    /// <param name="providerSubject">The provider's stable id for the person.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<TUser?> FindUnlinkedByProviderSubjectAsync(string providerType, string providerSubject, CancellationToken cancellationToken) =>
        Task.FromResult<TUser?>(null);

    /// <summary>The user's primary key as text.</summary>
    string GetApplicationUserId(TUser user);

    /// <summary>
    /// Stores <paramref name="godwitUserId"/> on <paramref name="user"/> only if it still holds none,
    /// and records <paramref name="record"/> in the same transaction. False, with nothing written,
    /// when another login linked the user first.
    /// </summary>
    Task<bool> TryLinkAsync(TUser user, string godwitUserId, MigrationRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the application's user for a Godwit user seen for the first time, holding its id, and
    /// records <paramref name="record"/> in the same transaction. Null, with nothing written, when the
    /// unique Godwit user id shows another login created the user first.
    /// </summary>
    Task<TUser?> TryCreateAsync(UserWire godwitUser, MigrationRecord record, CancellationToken cancellationToken);

    /// <summary>Records an outcome that changed nothing (a repeat login), when the options ask for it.</summary>
    Task RecordAsync(string applicationUserId, MigrationRecord record, CancellationToken cancellationToken);
}
