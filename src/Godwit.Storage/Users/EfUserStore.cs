using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Totps;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Users;

internal sealed class EfUserStore(GodwitDbContext db, EventLog events) : IUserStore
{
    // Half of every session check. One joined query: a user has few emails, phones and second factors.
    private static readonly CompiledQuery<Func<GodwitDbContext, string, CancellationToken, Task<User?>>> ForReading = new(() =>
        EF.CompileAsyncQuery((GodwitDbContext context, string userId, CancellationToken _) =>
            context.Users.AsNoTracking().Include(u => u.Emails).Include(u => u.Phones).Include(u => u.Password)
                .Include(u => u.Totps).Include(u => u.WebAuthnRegistrations).Include(u => u.BiometricRegistrations).Include(u => u.OAuthRegistrations)
                .AsSingleQuery().FirstOrDefault(u => u.UserId == userId)));

    // One user with everything the API shows of them, in one joined query (one round trip, not one
    // per collection): a user has few addresses and second factors, so the joined rows stay few.
    private IQueryable<User> UsersWithAddresses => db.Users.Include(u => u.Emails).Include(u => u.Phones).Include(u => u.Password)
        .Include(u => u.Totps).Include(u => u.WebAuthnRegistrations).Include(u => u.BiometricRegistrations).Include(u => u.OAuthRegistrations).AsSingleQuery();

    public Task<User?> FindAsync(string userIdOrExternalId, CancellationToken cancellationToken) =>
        PrefixedId.IsValid(PrefixedId.User, userIdOrExternalId)
            ? UsersWithAddresses.FirstOrDefaultAsync(u => u.UserId == userIdOrExternalId, cancellationToken)
            : UsersWithAddresses.FirstOrDefaultAsync(u => u.ExternalId == userIdOrExternalId, cancellationToken);

    public Task<User?> FindForReadingAsync(string userId, CancellationToken cancellationToken) =>
        ForReading.For(db)(db, userId, cancellationToken);

    // By address: the address's own unique index finds the owner, then the user is loaded by key.
    // (Filtering users by "any of their emails matches" instead makes the database test every user.)
    public async Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        await db.UserEmails.Where(e => e.Address == normalizedEmail).Select(e => e.UserId).FirstOrDefaultAsync(cancellationToken) is { } userId
            ? await UsersWithAddresses.FirstOrDefaultAsync(u => u.UserId == userId, cancellationToken)
            : null;

    public async Task<User?> FindByPhoneAsync(string e164, CancellationToken cancellationToken) =>
        await db.UserPhones.Where(p => p.Number == e164).Select(p => p.UserId).FirstOrDefaultAsync(cancellationToken) is { } userId
            ? await UsersWithAddresses.FirstOrDefaultAsync(u => u.UserId == userId, cancellationToken)
            : null;

    public Task<bool> EmailTakenAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.UserEmails.AnyAsync(e => e.Address == normalizedEmail, cancellationToken);

    public Task<bool> PhoneTakenAsync(string e164, CancellationToken cancellationToken) =>
        db.UserPhones.AnyAsync(p => p.Number == e164, cancellationToken);

    public async Task<User?> FindByEmailIdAsync(string emailId, CancellationToken cancellationToken) =>
        await db.UserEmails.Where(e => e.EmailId == emailId).Select(e => e.UserId).FirstOrDefaultAsync(cancellationToken) is { } userId
            ? await UsersWithAddresses.FirstOrDefaultAsync(u => u.UserId == userId, cancellationToken)
            : null;

    public async Task<User?> FindByPhoneIdAsync(string phoneId, CancellationToken cancellationToken) =>
        await db.UserPhones.Where(p => p.PhoneId == phoneId).Select(p => p.UserId).FirstOrDefaultAsync(cancellationToken) is { } userId
            ? await UsersWithAddresses.FirstOrDefaultAsync(u => u.UserId == userId, cancellationToken)
            : null;

    public void Add(User user) => db.Users.Add(user);

    public void Remove(User user) => db.Users.Remove(user);

    public async Task<ApiError?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            UserPartEvents.Record(db.ChangeTracker, events);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException exception) when (db.UniqueViolationTable(exception) is { } table)
        {
            // Another writer took the address between our check and our insert: the unique
            // index decided, and the failed change must not linger in this context.
            db.ChangeTracker.Clear();
            return table switch
            {
                "user_emails" => ErrorCatalog.DuplicateEmail,
                "user_phones" => ErrorCatalog.DuplicatePhoneNumber,
                "users" => ErrorCatalog.DuplicateExternalId,
                "user_passwords" => ErrorCatalog.DuplicatePassword,
                "webauthn_registrations" => ErrorCatalog.DuplicateWebAuthnRegistration,
                "biometric_registrations" => ErrorCatalog.DuplicateBiometricRegistration,
                "user_totps" => ErrorCatalog.PendingTotpExists,
                "oauth_registrations" => ErrorCatalog.DuplicateOAuthRegistration,
                _ => throw new InvalidOperationException($"Unexpected unique violation on {table}.", exception),
            };
        }
        catch (DbUpdateConcurrencyException exception) when (exception.Entries.Any(e => e.Entity is UserTotp))
        {
            // Two enrolments raced to replace the same unconfirmed TOTP, and the other removed it first.
            db.ChangeTracker.Clear();
            return ErrorCatalog.PendingTotpExists;
        }
        catch (DbUpdateConcurrencyException exception) when (exception.Entries.Any(e => e.Entity is UserEmail or UserPhone))
        {
            // Two requests removed the same address (an exchange of the primary factor, a delete):
            // the one that found it already gone changed nothing.
            db.ChangeTracker.Clear();
            return exception.Entries.Any(e => e.Entity is UserEmail)
                ? ErrorCatalog.EmailNotFound.WithMessage("Another request removed this email at the same moment. Nothing was changed; fetch the user and try again.")
                : ErrorCatalog.PhoneNumberNotFound.WithMessage("Another request removed this phone number at the same moment. Nothing was changed; fetch the user and try again.");
        }
    }

    public async Task<UserSearchPage> SearchAsync(UserFilter? filter, UserSearchCursor? after, int limit, CancellationToken cancellationToken)
    {
        var matching = db.Users.AsNoTracking();
        if (filter is not null)
        {
            matching = matching.Where(UserFilterExpressions.ToExpression(filter, db));
        }

        var total = await matching.CountAsync(cancellationToken);
        var page = matching;
        if (after is not null)
        {
            page = page.Where(u => u.CreatedAt > after.CreatedAt || (u.CreatedAt == after.CreatedAt && string.Compare(u.UserId, after.UserId) > 0));
        }

        // One row past the page tells whether there is a next page without a second count.
        var users = await page.OrderBy(u => u.CreatedAt).ThenBy(u => u.UserId).Take(limit + 1)
            .Include(u => u.Emails).Include(u => u.Phones).Include(u => u.Password)
            .Include(u => u.Totps).Include(u => u.WebAuthnRegistrations).Include(u => u.BiometricRegistrations).Include(u => u.OAuthRegistrations).AsSplitQuery()
            .ToListAsync(cancellationToken);
        UserSearchCursor? next = null;
        if (users.Count > limit)
        {
            users.RemoveAt(limit);
            next = new UserSearchCursor(users[^1].CreatedAt, users[^1].UserId);
        }

        return new UserSearchPage(users, total, next);
    }
}
