using Godwit.Contracts.Sessions;

namespace Godwit.Core.Sessions;

/// <summary>Maps factors to their wire shape, which is also how sessions store them.</summary>
public static class FactorJson
{
    public static FactorWire ToWire(AuthenticationFactor factor) => new(
        factor.Type,
        factor.DeliveryMethod,
        SessionJwts.Rfc3339(factor.LastAuthenticatedAt),
        SessionJwts.Rfc3339(factor.CreatedAt),
        SessionJwts.Rfc3339(factor.LastAuthenticatedAt),
        factor.EmailFactor is { } e ? new EmailFactorWire(e.EmailId, e.EmailAddress) : null,
        factor.PhoneNumberFactor is { } p ? new PhoneFactorWire(p.PhoneId, p.PhoneNumber) : null,
        factor.AuthenticatorAppFactor is { } totp ? new AuthenticatorAppFactorWire(totp.TotpId) : null,
        factor.RecoveryCodeFactor is { } recovery ? new RecoveryCodeFactorWire(recovery.TotpRecoveryCodeId) : null,
        factor.WebAuthnFactor is { } webauthn ? new WebAuthnFactorWire(webauthn.WebAuthnRegistrationId, webauthn.Domain, webauthn.UserAgent) : null,
        factor.BiometricFactor is { } biometric ? new BiometricFactorWire(biometric.BiometricRegistrationId) : null,
        factor.EmbeddableMagicLinkFactor is { } embedded ? new EmbeddableMagicLinkFactorWire(embedded.EmbeddedId) : null,
        factor.ImpersonatedFactor is { } impersonated ? new ImpersonatedFactorWire(impersonated.ImpersonatorId, impersonated.ImpersonatorEmailAddress) : null);
}
