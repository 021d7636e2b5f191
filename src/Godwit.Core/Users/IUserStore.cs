using Godwit.Core.Errors;

namespace Godwit.Core.Users;

/// <summary>
/// Persistence of users. Users it returns are tracked: change them, then call <see cref="SaveAsync"/>.
/// </summary>
public interface IUserStore
{
    /// <summary>Finds a user by user_id, or by external_id when the value is not a user id.</summary>
    Task<User?> FindAsync(string userIdOrExternalId, CancellationToken cancellationToken);

    /// <summary>A user by user_id for reading only; changes to it are never saved.</summary>
    Task<User?> FindForReadingAsync(string userId, CancellationToken cancellationToken);

    Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<User?> FindByPhoneAsync(string e164, CancellationToken cancellationToken);

    /// <summary>Whether any user has this address; cheaper than loading them.</summary>
    Task<bool> EmailTakenAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> PhoneTakenAsync(string e164, CancellationToken cancellationToken);

    Task<User?> FindByEmailIdAsync(string emailId, CancellationToken cancellationToken);

    Task<User?> FindByPhoneIdAsync(string phoneId, CancellationToken cancellationToken);

    void Add(User user);

    void Remove(User user);

    /// <summary>
    /// Commits every change atomically. A uniqueness conflict with another writer comes back as
    /// <c>duplicate_email</c>, <c>duplicate_phone_number</c> or <c>duplicate_external_id</c> and
    /// nothing is written.
    /// </summary>
    Task<ApiError?> SaveAsync(CancellationToken cancellationToken);

    Task<UserSearchPage> SearchAsync(UserFilter? filter, UserSearchCursor? after, int limit, CancellationToken cancellationToken);
}
