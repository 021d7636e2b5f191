using Godwit.Core.Biometrics;
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

    public List<UserEmail> Emails { get; init; } = [];

    public List<UserPhone> Phones { get; init; } = [];

    /// <summary>Authenticator apps: at most one verified, and at most one still awaiting its first code.</summary>
    public List<UserTotp> Totps { get; init; } = [];

    public UserPassword? Password { get; set; }

    /// <summary>Passkeys and security keys, one per credential.</summary>
    public List<WebAuthnRegistration> WebAuthnRegistrations { get; init; } = [];

    /// <summary>Mobile device keys behind a biometric prompt.</summary>
    public List<BiometricRegistration> BiometricRegistrations { get; init; } = [];

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

    /// <summary>A successful passwordless login proves the address and activates the user.</summary>
    public void MarkVerified(UserEmail? email, UserPhone? phone)
    {
        email?.Verified = true;
        phone?.Verified = true;
        Status = UserStatus.Active;
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
