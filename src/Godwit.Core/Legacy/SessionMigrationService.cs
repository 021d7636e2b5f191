using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Microsoft.Extensions.Logging;

namespace Godwit.Core.Legacy;

/// <summary>A migrated session: the user the legacy token belonged to and the Godwit session it became.</summary>
public sealed record SessionMigrated(User User, IssuedSession Session);

/// <summary>
/// <c>POST /v1/sessions/migrate</c>: a person logged in to the legacy system keeps being logged in.
/// The legacy system vouches for the token and names an email; the email's user is found (only when
/// the legacy system says the email is verified), or created (Stytch requires the user to exist;
/// Godwit creates it, so a session can migrate before its user has been imported), and a new session
/// carries an <c>imported</c> factor.
/// </summary>
public sealed partial class SessionMigrationService(
    ILegacySessionVerifier verifier,
    IUserStore users,
    UserService userService,
    SessionService sessions,
    ISessionStore sessionStore,
    LegacySystemOptions options,
    EventLog events,
    SessionEvents sessionEvents,
    TimeProvider clock,
    ILogger<SessionMigrationService> logger)
{
    /// <summary>
    /// Stytch's factor for a session brought from another system: type <c>imported</c>, whose only
    /// documented delivery method is <c>imported_auth0</c>. Godwit uses it whatever the legacy system
    /// was, so that code written against Stytch's list of factors recognises it.
    /// </summary>
    public const string FactorType = "imported";

    public const string FactorDeliveryMethod = "imported_auth0";

    public async Task<Result<SessionMigrated>> MigrateAsync(string legacyToken, int? durationMinutes, System.Text.Json.Nodes.JsonObject? customClaims, CancellationToken cancellationToken)
    {
        // The request is checked completely before the legacy system is asked anything.
        var request = new SessionRequest(durationMinutes ?? options.DefaultSessionDurationMinutes, null, null, customClaims);
        if (SessionService.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var identified = await verifier.IdentifyAsync(legacyToken, cancellationToken);
        if (!identified.Succeeded)
        {
            return identified.Error!;
        }

        var identity = identified.Value;
        if (!EmailAddress.TryNormalize(identity.Email, out var email))
        {
            return ErrorCatalog.LegacySessionWithoutEmail;
        }

        var found = await FindOrCreateAsync(email, identity.Profile, cancellationToken);
        if (found.Error == ErrorCatalog.DuplicateEmail)
        {
            // A concurrent migration or login created this email's user between our lookup and our insert.
            found = await FindOrCreateAsync(email, identity.Profile, cancellationToken);
        }

        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (user, address, firstProof) = found.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var factor = new AuthenticationFactor(FactorType, FactorDeliveryMethod, now, now, EmailFactor: new EmailFactor(address.EmailId, address.Address));
        var issued = await sessions.RecordFactorAsync(user, factor, request, created => sessionEvents.Migrated(created, identity.Source), cancellationToken);
        if (!issued.Succeeded)
        {
            return issued.Error!;
        }

        if (firstProof)
        {
            // The legacy system's word is the first proof of this user: earlier sessions were
            // started by someone who had proved nothing.
            await sessionStore.RevokeAllForUserAsync(user.UserId, issued.Value!.Session.SessionId, sessionEvents.Revoked, cancellationToken);
        }

        return new SessionMigrated(user, issued.Value!);
    }

    private async Task<Result<(User User, UserEmail Email, bool FirstProof)>> FindOrCreateAsync(string email, LegacyProfile profile, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            // Only the legacy system's word that the address is verified joins its session to an
            // existing user: anyone can open a legacy account under someone else's address.
            if (!profile.EmailVerified)
            {
                return ErrorCatalog.LegacyEmailNotVerified;
            }

            var address = existing.Emails.First(e => e.Address == email);
            var firstProof = !address.Verified && existing.MarkVerified(address, null);
            if (await users.SaveAsync(cancellationToken) is { } error)
            {
                return error;
            }

            return (existing, address, firstProof);
        }

        var prepared = await userService.PrepareNewAsync(
            new CreateUserCommand(email, null, profile.Name, profile.TrustedMetadata, profile.UntrustedMetadata, profile.ExternalId, CreateAsPending: false),
            cancellationToken);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        var user = prepared.Value;
        user.Emails[0].Verified = profile.EmailVerified;
        events.RecordCreated(user, "session_migration");
        if (await users.SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogUserCreated(logger, user.UserId, profile.EmailVerified);
        return (user, user.Emails[0], false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session migration created user {UserId}, email verified {EmailVerified}")]
    private static partial void LogUserCreated(ILogger logger, string userId, bool emailVerified);
}
