using Godwit.Core.Biometrics;
using Godwit.Core.OAuth;
using Godwit.Core.Passwords;
using Godwit.Core.WebAuthn;
using Godwit.Core.Totps;

namespace Godwit.Core.Users;

/// <summary>A person known to Godwit, with the emails and phone numbers they log in with.</summary>
public sealed class User
{
    public required string UserId { get; init; }

    public UserStatus Status { get; set; }

    public string? FirstName { get; set; }

    public string? MiddleName { get; set; }

    public string? LastName { get; set; }

    /// <summary>JSON object text; only the backend may change it.</summary>
    public string TrustedMetadata { get; set; } = "{}";

    /// <summary>JSON object text; the user's own client may change it.</summary>
    public string UntrustedMetadata { get; set; } = "{}";

    /// <summary>The application's or legacy system's id for this person; unique when set.</summary>
    public string? ExternalId { get; set; }

    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// Roles of the RBAC policy assigned to this user explicitly, sorted; never <c>stytch_user</c>,
    /// which every user holds (see <see cref="GrantedRoles"/>).
    /// </summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Every role the user holds, as the API and session JWTs show them (never the console's, see <see cref="Admin.AdminRole"/>).</summary>
    public IReadOnlyList<string> GrantedRoles => [Rbac.RbacPolicy.DefaultRole, .. Roles.Where(role => role != Admin.AdminRole.Id)];

    public List<UserEmail> Emails { get; init; } = [];

    public List<UserPhone> Phones { get; init; } = [];

    /// <summary>Authenticator apps: at most one verified, and at most one still awaiting its first code.</summary>
    public List<UserTotp> Totps { get; init; } = [];

    public UserPassword? Password { get; set; }

    /// <summary>
    /// When a password of this user was last deleted. A user who had a password in Godwit is never
    /// again sent to the legacy password hook: a deleted password must not come back through it.
    /// </summary>
    public DateTime? PasswordDeletedAt { get; set; }

    /// <summary>Passkeys and security keys, one per credential.</summary>
    public List<WebAuthnRegistration> WebAuthnRegistrations { get; init; } = [];

    /// <summary>Mobile device keys behind a biometric prompt.</summary>
    public List<BiometricRegistration> BiometricRegistrations { get; init; } = [];

    /// <summary>Accounts at social and OpenID providers this user logs in with.</summary>
    public List<OAuthRegistration> OAuthRegistrations { get; init; } = [];

    /// <summary>Failed password checks since the last success or lock.</summary>
    public int FailedAuthentications { get; set; }

    public DateTime? LockCreatedAt { get; set; }

    /// <summary>Until this instant every password check is refused, right or wrong.</summary>
    public DateTime? LockExpiresAt { get; set; }

    public bool IsLockedAt(DateTime now) => LockExpiresAt > now;

    /// <summary>
    /// True when every email and phone the user has is verified. A new address may only be added
    /// to such a user: otherwise whoever holds an unverified address could attach one of their own
    /// and take the account over once the real owner verifies.
    /// </summary>
    public bool PrimaryFactorsVerified => Emails.All(e => e.Verified) && Phones.All(p => p.Verified);

    /// <summary>
    /// Records proof of an address (a passwordless login, a reset link, or a legacy system's or the
    /// backend's attestation) and activates the user. Returns true when this is the first address
    /// of the user ever proved: every session started before it was started by someone who had
    /// proved nothing, so the caller revokes them. A password set while no email of the user was
    /// verified stops working until a reset, as at Stytch: otherwise whoever registered someone
    /// else's address with a password would share the account once its owner logs in. For the same
    /// reason, provider accounts linked before the first proof are unlinked by it, except
    /// <paramref name="vouchedBy"/>, the one whose provider vouched for this very address.
    /// </summary>
    public bool MarkVerified(UserEmail? email, UserPhone? phone, OAuthRegistration? vouchedBy = null)
    {
        var provedBefore = Emails.Any(e => e.Verified) || Phones.Any(p => p.Verified);
        if (email is { Verified: false } && Password is { } password && !Emails.Any(e => e.Verified))
        {
            password.ResetRequired = true;
        }

        var firstProof = !provedBefore && (email is not null || phone is not null);
        if (firstProof)
        {
            OAuthRegistrations.RemoveAll(r => r != vouchedBy);
        }

        email?.Verified = true;
        phone?.Verified = true;
        Status = UserStatus.Active;
        return firstProof;
    }
}

public enum UserStatus
{
    Active,
    Pending,
}

public sealed class UserEmail
{
    public required string EmailId { get; init; }

    public required string UserId { get; init; }

    /// <summary>Lower-cased, trimmed address (see <see cref="EmailAddress"/>).</summary>
    public required string Address { get; init; }

    public bool Verified { get; set; }

    public DateTime CreatedAt { get; init; }
}

public sealed class UserPhone
{
    public required string PhoneId { get; init; }

    public required string UserId { get; init; }

    /// <summary>E.164 form (see <see cref="PhoneNumber"/>).</summary>
    public required string Number { get; init; }

    public bool Verified { get; set; }

    public DateTime CreatedAt { get; init; }
}
