using Godwit.Core.Errors;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.WebAuthn;

/// <summary>Naming, listing and deleting WebAuthn registrations.</summary>
public sealed class WebAuthnRegistrations(IUserStore users, IWebAuthnStore store, RelyingParties relyingParties, SessionEvents sessionEvents)
{
    public const int MaxNameLength = 128;

    public async Task<Result<WebAuthnRegistration>> RenameAsync(string webAuthnRegistrationId, string? name, CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(PrefixedId.WebAuthnRegistration, webAuthnRegistrationId))
        {
            return ErrorCatalog.InvalidWebAuthnRegistrationId;
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            return ErrorCatalog.EmptyWebAuthnRegistrationName;
        }

        if (!await store.RenameAsync(webAuthnRegistrationId, name, cancellationToken)
            || await store.FindAsync(webAuthnRegistrationId, cancellationToken) is not { } renamed)
        {
            return ErrorCatalog.WebAuthnRegistrationNotFound;
        }

        return renamed;
    }

    public async Task<Result<IReadOnlyList<WebAuthnCredential>>> ListCredentialsAsync(string userIdOrExternalId, string domain, CancellationToken cancellationToken)
    {
        if (relyingParties.Find(domain) is not { } party)
        {
            return ErrorCatalog.InvalidWebAuthnDomain;
        }

        if (await users.FindAsync(userIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        return Result<IReadOnlyList<WebAuthnCredential>>.From(user.WebAuthnRegistrations
            .Where(r => r.Domain == party.Id)
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.WebAuthnRegistrationId, StringComparer.Ordinal)
            .Select(r => new WebAuthnCredential(SecretTokens.Base64Url(r.CredentialId), r.WebAuthnRegistrationId, "public-key", SecretTokens.Base64Url(r.PublicKey)))
            .ToList());
    }

    public async Task<Result<User>> DeleteAsync(string webAuthnRegistrationId, CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(PrefixedId.WebAuthnRegistration, webAuthnRegistrationId))
        {
            return ErrorCatalog.InvalidWebAuthnRegistrationId;
        }

        if (await store.FindAsync(webAuthnRegistrationId, cancellationToken) is not { } found
            || await users.FindAsync(found.UserId, cancellationToken) is not { } user
            || user.WebAuthnRegistrations.Find(r => r.WebAuthnRegistrationId == webAuthnRegistrationId) is not { } registration)
        {
            return ErrorCatalog.WebAuthnRegistrationNotFound;
        }

        user.WebAuthnRegistrations.Remove(registration);
        sessionEvents.MfaRemoved(user.UserId, "webauthn", registration.WebAuthnRegistrationId);
        return await users.SaveAsync(cancellationToken) is { } error ? error : user;
    }
}
