using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Users;

namespace Godwit.Core.Sessions;

/// <summary>A successful magic link or passcode login, and the session it landed in, if any.</summary>
public sealed record PrimaryFactorAuthenticated(User User, string MethodId, IssuedSession? Session);

/// <summary>
/// The last steps every passwordless login shares: consume the secret, prove the address, and
/// record the factor in a session.
/// </summary>
public sealed class PrimaryFactorLogin(IOneTimeSecretStore secrets, IUserStore users, SessionService sessions, ISessionStore sessionStore, SessionEvents sessionEvents, TimeProvider clock)
{
    /// <summary>
    /// The user and the address the secret was sent to, or null when either is gone (the address
    /// was deleted after the secret was sent).
    /// </summary>
    public async Task<(User User, UserEmail? Email, UserPhone? Phone)?> FindAddressAsync(OneTimeSecret secret, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(secret.UserId, cancellationToken) is not { } user)
        {
            return null;
        }

        var email = user.Emails.FirstOrDefault(e => e.EmailId == secret.MethodId);
        var phone = user.Phones.FirstOrDefault(p => p.PhoneId == secret.MethodId);
        return email is null && phone is null ? null : (user, email, phone);
    }

    /// <summary>
    /// Consumes the secret (the affected-row count decides between racing requests), then marks
    /// the address verified, activates the user and records the factor; a first proof of the user
    /// also ends every earlier session (see <see cref="User.MarkVerified"/>). <paramref name="whenUsed"/>
    /// is the error for a secret that another request consumed first.
    /// </summary>
    public async Task<Result<PrimaryFactorAuthenticated>> CompleteAsync(
        OneTimeSecret secret, (User User, UserEmail? Email, UserPhone? Phone) address, string factorType, SessionRequest session, ApiError whenUsed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await secrets.TryConsumeAsync(secret.Id, now, cancellationToken))
        {
            return whenUsed;
        }

        var (user, email, phone) = address;
        var firstProof = user.MarkVerified(email, phone);
        if (await users.SaveAsync(cancellationToken) is { } error)
        {
            return error;
        }

        var factor = email is not null
            ? new AuthenticationFactor(factorType, "email", now, now, EmailFactor: new EmailFactor(email.EmailId, email.Address))
            : new AuthenticationFactor(factorType, secret.Kind == OneTimeSecretKind.WhatsAppOtp ? "whatsapp" : "sms", now, now, PhoneNumberFactor: new PhoneNumberFactor(phone!.PhoneId, phone.Number));
        var issued = await sessions.RecordFactorAsync(user, factor, session, cancellationToken);
        if (firstProof)
        {
            // Before this, nobody had proved an address of this user: whoever started the other
            // sessions (a password set on someone else's email, a legacy session) loses them.
            await sessionStore.RevokeAllForUserAsync(user.UserId, issued.Succeeded ? issued.Value?.Session.SessionId : null, sessionEvents.Revoked, cancellationToken);
        }

        return issued.Succeeded
            ? new PrimaryFactorAuthenticated(user, secret.MethodId, issued.Value)
            : issued.Error!;
    }

    /// <summary>
    /// Completes an embeddable magic link: consumes it and records the factor, and activates a
    /// pending user (they have now logged in), but verifies no address. The backend, not an inbox
    /// or phone, handed the token over, so it proves nothing about any address of the user (as at
    /// Stytch), and it is no first proof either: earlier sessions stay.
    /// </summary>
    public async Task<Result<PrimaryFactorAuthenticated>> CompleteEmbeddedAsync(OneTimeSecret secret, SessionRequest session, ApiError whenUsed, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(secret.UserId, cancellationToken) is not { } user)
        {
            return whenUsed;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!await secrets.TryConsumeAsync(secret.Id, now, cancellationToken))
        {
            return whenUsed;
        }

        user.Status = UserStatus.Active;
        if (await users.SaveAsync(cancellationToken) is { } error)
        {
            return error;
        }

        var factor = new AuthenticationFactor("magic_link", "embedded", now, now, EmbeddableMagicLinkFactor: new EmbeddableMagicLinkFactor(secret.MethodId));
        var issued = await sessions.RecordFactorAsync(user, factor, session, cancellationToken);
        return issued.Succeeded
            ? new PrimaryFactorAuthenticated(user, secret.MethodId, issued.Value)
            : issued.Error!;
    }
}
