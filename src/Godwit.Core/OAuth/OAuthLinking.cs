using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.OAuth;

/// <summary>Who a provider login landed on, and what it changed.</summary>
/// <param name="EmailId">The user's email the provider vouched for, when it verified one the user holds.</param>
/// <param name="ResetSessions">True when this login proved an existing user for the first time and ended their earlier sessions.</param>
public sealed record LinkedLogin(User User, OAuthRegistration Registration, string? EmailId, bool UserCreated, bool ResetSessions);

/// <summary>
/// Decides which user a provider identity logs in, in this order: the user already holding the
/// provider account; else the user an attach token named; else the user holding the email, only
/// when the provider verified it; else a new user. An unverified email never joins an existing
/// user: whoever controls a provider account can type any address into it.
/// </summary>
public sealed class OAuthLinking(IUserStore users, IOAuthFlowStore flows, UserService userService, ISessionStore sessions, EventLog events, SessionEvents sessionEvents, TimeProvider clock)
{
    private const int MaxPictureUrlLength = 2048;
    private const int MaxLocaleLength = 35;

    public async Task<Result<LinkedLogin>> LinkAsync(ProviderIdentity identity, string? attachUserId, CancellationToken cancellationToken)
    {
        var linked = await TryLinkAsync(identity, attachUserId, cancellationToken);
        // Two first logins of one provider account raced and the unique indexes let one through
        // (the registration's, or the email's); the other now finds what the winner stored.
        return linked.Error == ErrorCatalog.DuplicateOAuthRegistration || linked.Error == ErrorCatalog.DuplicateEmail
            ? await TryLinkAsync(identity, attachUserId, cancellationToken)
            : linked;
    }

    private async Task<Result<LinkedLogin>> TryLinkAsync(ProviderIdentity identity, string? attachUserId, CancellationToken cancellationToken)
    {
        var email = EmailAddress.TryNormalize(identity.Email, out var normalized) ? normalized : null;
        if (await flows.FindRegistrationOwnerAsync(identity.ProviderType, identity.Subject, cancellationToken) is { } ownerId)
        {
            if (attachUserId is not null && attachUserId != ownerId)
            {
                return ErrorCatalog.OAuthRegistrationOfAnotherUser;
            }

            if (await users.FindAsync(ownerId, cancellationToken) is not { } owner)
            {
                return ErrorCatalog.UserNotFound;
            }

            var registration = owner.OAuthRegistrations.First(r => r.ProviderType == identity.ProviderType && r.ProviderSubject == identity.Subject);
            return await CompleteAsync(owner, registration, identity, email, userCreated: false, cancellationToken);
        }

        if (attachUserId is not null)
        {
            return await users.FindAsync(attachUserId, cancellationToken) is { } target
                ? await CompleteAsync(target, Register(target, identity), identity, email, userCreated: false, cancellationToken)
                : ErrorCatalog.UserNotFound;
        }

        if (email is not null && identity.EmailVerified && await users.FindByEmailAsync(email, cancellationToken) is { } holder)
        {
            return await CompleteAsync(holder, Register(holder, identity), identity, email, userCreated: false, cancellationToken);
        }

        if (email is not null && !identity.EmailVerified && await users.EmailTakenAsync(email, cancellationToken))
        {
            // Joining would hand the account to whoever typed its address into a provider account;
            // a second user with the address cannot exist. The person logs in another way and attaches.
            return ErrorCatalog.OAuthUnverifiedEmailInUse;
        }

        var created = userService.NewUser(email, null, UserStatus.Active);
        created.FirstName = identity.FirstName;
        created.LastName = identity.LastName;
        users.Add(created);
        events.RecordCreated(created, "oauth");
        return await CompleteAsync(created, Register(created, identity), identity, email, userCreated: true, cancellationToken);
    }

    private OAuthRegistration Register(User user, ProviderIdentity identity)
    {
        var registration = new OAuthRegistration
        {
            OAuthRegistrationId = PrefixedId.New(PrefixedId.OAuthRegistration),
            UserId = user.UserId,
            ProviderType = identity.ProviderType,
            ProviderSubject = identity.Subject,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        user.OAuthRegistrations.Add(registration);
        return registration;
    }

    private async Task<Result<LinkedLogin>> CompleteAsync(
        User user, OAuthRegistration registration, ProviderIdentity identity, string? email, bool userCreated, CancellationToken cancellationToken)
    {
        // The provider's profile is its own to change: refreshed on every login.
        registration.ProfilePictureUrl = identity.ProfilePictureUrl is { Length: <= MaxPictureUrlLength } picture ? picture : null;
        registration.Locale = identity.Locale is { Length: <= MaxLocaleLength } locale ? locale : null;

        // The same rules as a magic link's: a verified address proves the user, and a first proof
        // ends every earlier session and voids a password set before it (User.MarkVerified).
        var proven = identity.EmailVerified && email is not null ? user.Emails.FirstOrDefault(e => e.Address == email) : null;
        var firstProof = user.MarkVerified(proven, null, proven is null ? null : registration);
        if (await users.SaveAsync(cancellationToken) is { } error)
        {
            return error;
        }

        var resetSessions = firstProof && !userCreated;
        if (resetSessions)
        {
            await sessions.RevokeAllForUserAsync(user.UserId, null, sessionEvents.Revoked, cancellationToken);
        }

        return new LinkedLogin(user, registration, proven?.EmailId, userCreated, resetSessions);
    }
}
