using Godwit.Contracts.Users;

namespace Godwit.Migration.Backfill;

/// <summary>
/// The application's users as a backfill reads them: those holding no Godwit user id yet, in primary
/// key order. <c>UseEntityFrameworkCore</c> (Godwit.Migration.EntityFrameworkCore) provides one; a store of the application's own
/// (<c>UseStore</c>) needs one too, registered scoped beside it, to backfill.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public interface IBackfillStore<TUser>
    where TUser : class
{
    /// <summary>
    /// Up to <paramref name="count"/> users holding no Godwit user id, in primary-key order, starting after
    /// <paramref name="after"/> (null: from the first). Not tracked: they are only read.
    /// </summary>
    Task<IReadOnlyList<TUser>> ListUnlinkedAsync(TUser? after, int count, CancellationToken cancellationToken);

    /// <summary>
    /// The same user read again, as this store's unit of work holds it (so that
    /// <see cref="IApplicationUserStore{TUser}.TryLinkAsync"/> can link it); null when it no longer exists.
    /// </summary>
    Task<TUser?> FindAsync(TUser user, CancellationToken cancellationToken);

    /// <summary>The Godwit user id the user holds, or null.</summary>
    string? GetGodwitUserId(TUser user);

    /// <summary>What Godwit's Create User gets for this user (email, phone number, name); the caller sets external_id.</summary>
    CreateUserRequest NewGodwitUser(TUser user);
}
