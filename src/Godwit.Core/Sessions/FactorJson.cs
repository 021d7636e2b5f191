using Godwit.Contracts.Sessions;
using Godwit.Core.OAuth;

namespace Godwit.Core.Sessions;

/// <summary>Maps factors to their wire shape, which is also how sessions store them.</summary>
public static class FactorJson
{
    public static FactorWire ToWire(AuthenticationFactor factor)
    {
        var oauth = factor.OAuthFactor is { } o ? new OAuthFactorWire(o.OAuthRegistrationId, o.ProviderSubject, o.EmailId) : null;
        // Each provider has its own field in Stytch's shape; a generic OpenID provider has none there.
        var provider = factor.OAuthFactor is { } f ? OAuthProviderTypes.PathSegmentOf(f.ProviderType) ?? "oidc" : null;
        return new(
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
            factor.ImpersonatedFactor is { } impersonated ? new ImpersonatedFactorWire(impersonated.ImpersonatorId, impersonated.ImpersonatorEmailAddress) : null,
            GoogleOAuthFactor: provider == "google" ? oauth : null,
            AppleOAuthFactor: provider == "apple" ? oauth : null,
            MicrosoftOAuthFactor: provider == "microsoft" ? oauth : null,
            GithubOAuthFactor: provider == "github" ? oauth : null,
            FacebookOAuthFactor: provider == "facebook" ? oauth : null,
            GitLabOAuthFactor: provider == "gitlab" ? oauth : null,
            DiscordOAuthFactor: provider == "discord" ? oauth : null,
            OidcOAuthFactor: provider == "oidc" ? oauth : null);
    }
}
