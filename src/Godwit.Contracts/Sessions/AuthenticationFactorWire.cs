using System.Text.Json.Serialization;

namespace Godwit.Contracts.Sessions;

/// <summary>
/// Authentication factors in Stytch's wire shape. One shape serves the JWT claim, the API
/// responses and the stored session, so all three always agree.
/// </summary>
public sealed record FactorWire(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("delivery_method")] string DeliveryMethod,
    [property: JsonPropertyName("last_authenticated_at")] string LastAuthenticatedAt,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt,
    [property: JsonPropertyName("email_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EmailFactorWire? EmailFactor,
    [property: JsonPropertyName("phone_number_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PhoneFactorWire? PhoneNumberFactor,
    [property: JsonPropertyName("authenticator_app_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AuthenticatorAppFactorWire? AuthenticatorAppFactor = null,
    [property: JsonPropertyName("recovery_code_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RecoveryCodeFactorWire? RecoveryCodeFactor = null,
    [property: JsonPropertyName("webauthn_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebAuthnFactorWire? WebAuthnFactor = null,
    [property: JsonPropertyName("biometric_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BiometricFactorWire? BiometricFactor = null,
    [property: JsonPropertyName("embeddable_magic_link_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EmbeddableMagicLinkFactorWire? EmbeddableMagicLinkFactor = null,
    [property: JsonPropertyName("impersonated_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImpersonatedFactorWire? ImpersonatedFactor = null,
    [property: JsonPropertyName("google_oauth_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OAuthFactorWire? GoogleOAuthFactor = null,
    [property: JsonPropertyName("apple_oauth_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OAuthFactorWire? AppleOAuthFactor = null,
    [property: JsonPropertyName("microsoft_oauth_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OAuthFactorWire? MicrosoftOAuthFactor = null,
    [property: JsonPropertyName("github_oauth_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OAuthFactorWire? GithubOAuthFactor = null,
    [property: JsonPropertyName("facebook_oauth_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OAuthFactorWire? FacebookOAuthFactor = null,
    [property: JsonPropertyName("git_lab_oauth_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OAuthFactorWire? GitLabOAuthFactor = null,
    [property: JsonPropertyName("discord_oauth_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OAuthFactorWire? DiscordOAuthFactor = null,
    [property: JsonPropertyName("oidc_oauth_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OAuthFactorWire? OidcOAuthFactor = null);

public sealed record EmailFactorWire(
    [property: JsonPropertyName("email_id")] string EmailId,
    [property: JsonPropertyName("email_address")] string EmailAddress);

public sealed record PhoneFactorWire(
    [property: JsonPropertyName("phone_id")] string PhoneId,
    [property: JsonPropertyName("phone_number")] string PhoneNumber);

public sealed record AuthenticatorAppFactorWire(
    [property: JsonPropertyName("totp_id")] string TotpId);

public sealed record RecoveryCodeFactorWire(
    [property: JsonPropertyName("totp_recovery_code_id")] string TotpRecoveryCodeId);

public sealed record WebAuthnFactorWire(
    [property: JsonPropertyName("webauthn_registration_id")] string WebAuthnRegistrationId,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("user_agent")] string UserAgent);

public sealed record BiometricFactorWire(
    [property: JsonPropertyName("biometric_registration_id")] string BiometricRegistrationId);

public sealed record EmbeddableMagicLinkFactorWire(
    [property: JsonPropertyName("embedded_id")] string EmbeddedId);

/// <summary>Who started an impersonated session: the <c>impersonated</c> factor's details.</summary>
public sealed record ImpersonatedFactorWire(
    [property: JsonPropertyName("impersonator_id")] string ImpersonatorId,
    [property: JsonPropertyName("impersonator_email_address")] string ImpersonatorEmailAddress);

/// <summary>
/// Stytch's <c>{provider}_oauth_factor</c>: the registration, the provider's subject, and the
/// email the provider vouched for. Generic OpenID providers use <c>oidc_oauth_factor</c>, a
/// field Stytch's consumer API does not have.
/// </summary>
public sealed record OAuthFactorWire(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("provider_subject")] string ProviderSubject,
    [property: JsonPropertyName("email_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EmailId);
