using System.Text.Json;
using Godwit.Contracts.Biometrics;
using Godwit.Contracts.Users;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server.WebAuthn;

namespace Godwit.Server.Users;

internal static class UserWireMapper
{
    private static readonly IReadOnlyList<JsonElement> None = [];

    /// <summary>The user as the API shows it; <paramref name="now"/> decides whether a lock is still on.</summary>
    public static UserWire ToWire(User user, DateTime now) => new(
        user.UserId,
        user.Emails.OrderBy(e => e.CreatedAt).ThenBy(e => e.EmailId, StringComparer.Ordinal).Select(e => new EmailWire(e.EmailId, e.Address, e.Verified)).ToList(),
        user.Status == UserStatus.Active ? "active" : "pending",
        user.Phones.OrderBy(p => p.CreatedAt).ThenBy(p => p.PhoneId, StringComparer.Ordinal).Select(p => new PhoneNumberWire(p.PhoneId, p.Number, p.Verified)).ToList(),
        user.WebAuthnRegistrations.OrderBy(r => r.CreatedAt).ThenBy(r => r.WebAuthnRegistrationId, StringComparer.Ordinal).Select(WebAuthnWireMapper.ToWire).ToList(),
        user.OAuthRegistrations.OrderBy(r => r.CreatedAt).ThenBy(r => r.OAuthRegistrationId, StringComparer.Ordinal)
            .Select(r => new OAuthProviderWire(r.ProviderType, r.ProviderSubject, r.ProfilePictureUrl ?? "", r.Locale ?? "", r.OAuthRegistrationId)).ToList(),
        user.Totps.Where(t => t.IsLiveAt(now)).OrderBy(t => t.CreatedAt).Select(t => new TotpWire(t.TotpId, t.Verified)).ToList(),
        None,
        user.BiometricRegistrations.OrderBy(r => r.CreatedAt).ThenBy(r => r.BiometricRegistrationId, StringComparer.Ordinal).Select(r => new BiometricRegistrationWire(r.BiometricRegistrationId, Verified: true)).ToList(),
        IsLocked: user.IsLockedAt(now),
        Roles: user.GrantedRoles,
        new NameWire(user.FirstName ?? "", user.MiddleName ?? "", user.LastName ?? ""),
        SessionJwts.Rfc3339(user.CreatedAt),
        user.Password is { } password ? new PasswordWire(password.PasswordId, password.ResetRequired) : null,
        Metadata.Parse(user.TrustedMetadata),
        Metadata.Parse(user.UntrustedMetadata),
        user.ExternalId,
        user.IsLockedAt(now) ? SessionJwts.Rfc3339(user.LockCreatedAt!.Value) : null,
        user.IsLockedAt(now) ? SessionJwts.Rfc3339(user.LockExpiresAt!.Value) : null);
}
