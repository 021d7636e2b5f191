namespace Godwit.Core.Sessions;

/// <summary>A logged-in period of one user, found by the hash of its opaque token or by its id.</summary>
public sealed class Session
{
    public required string SessionId { get; init; }

    public required string UserId { get; init; }

    /// <summary>SHA-256 of the session token; the token itself is never stored.</summary>
    public required byte[] TokenHash { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime LastAccessedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public List<AuthenticationFactor> Factors { get; set; } = [];

    /// <summary>JSON object text of claims the application added to this session's JWTs.</summary>
    public string CustomClaims { get; set; } = "{}";

    /// <summary>
    /// The user's roles, filled in from the user whenever the session is handed out; not stored,
    /// so a role change shows in the user's every session at its next check.
    /// </summary>
    public IReadOnlyList<string> Roles { get; set; } = [Rbac.RbacPolicy.DefaultRole];

    /// <summary>Started from an impersonation token: such a session is never extended.</summary>
    public bool IsImpersonated => Factors.Any(f => f.ImpersonatedFactor is not null);
}

/// <summary>One way the user proved who they are during a session, in Stytch's factor shape.</summary>
public sealed record AuthenticationFactor(
    string Type,
    string DeliveryMethod,
    DateTime LastAuthenticatedAt,
    DateTime CreatedAt,
    EmailFactor? EmailFactor = null,
    PhoneNumberFactor? PhoneNumberFactor = null,
    AuthenticatorAppFactor? AuthenticatorAppFactor = null,
    RecoveryCodeFactor? RecoveryCodeFactor = null,
    WebAuthnFactor? WebAuthnFactor = null,
    BiometricFactor? BiometricFactor = null,
    EmbeddableMagicLinkFactor? EmbeddableMagicLinkFactor = null,
    ImpersonatedFactor? ImpersonatedFactor = null,
    OAuthFactor? OAuthFactor = null)
{
    /// <summary>Two factors are the same factor when they use the same method on the same address or device.</summary>
    public bool SameMethodAs(AuthenticationFactor other) =>
        Type == other.Type
        && DeliveryMethod == other.DeliveryMethod
        && EmailFactor?.EmailId == other.EmailFactor?.EmailId
        && PhoneNumberFactor?.PhoneId == other.PhoneNumberFactor?.PhoneId
        && AuthenticatorAppFactor?.TotpId == other.AuthenticatorAppFactor?.TotpId
        && RecoveryCodeFactor?.TotpRecoveryCodeId == other.RecoveryCodeFactor?.TotpRecoveryCodeId
        && WebAuthnFactor?.WebAuthnRegistrationId == other.WebAuthnFactor?.WebAuthnRegistrationId
        && BiometricFactor?.BiometricRegistrationId == other.BiometricFactor?.BiometricRegistrationId
        && EmbeddableMagicLinkFactor?.EmbeddedId == other.EmbeddableMagicLinkFactor?.EmbeddedId
        && ImpersonatedFactor == other.ImpersonatedFactor
        && OAuthFactor?.OAuthRegistrationId == other.OAuthFactor?.OAuthRegistrationId;
}

public sealed record EmailFactor(string EmailId, string EmailAddress);

public sealed record PhoneNumberFactor(string PhoneId, string PhoneNumber);

public sealed record AuthenticatorAppFactor(string TotpId);

public sealed record RecoveryCodeFactor(string TotpRecoveryCodeId);

public sealed record WebAuthnFactor(string WebAuthnRegistrationId, string Domain, string UserAgent);

public sealed record BiometricFactor(string BiometricRegistrationId);

public sealed record EmbeddableMagicLinkFactor(string EmbeddedId);

/// <summary>Who impersonated the user: free text the minting request gave.</summary>
public sealed record ImpersonatedFactor(string ImpersonatorId, string ImpersonatorEmailAddress);

/// <summary>
/// A login through a provider account: which registration, the provider's subject, and the email
/// the provider vouched for, when it vouched for one the user holds.
/// </summary>
public sealed record OAuthFactor(string ProviderType, string OAuthRegistrationId, string ProviderSubject, string? EmailId);
