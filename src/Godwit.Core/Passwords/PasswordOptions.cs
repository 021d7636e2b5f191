using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;

namespace Godwit.Core.Passwords;

/// <summary>Password settings, bound from <c>Godwit:Passwords</c>.</summary>
public sealed class PasswordOptions
{
    public const string SectionName = "Godwit:Passwords";
    public const int MinResetExpirationMinutes = 5;
    public const int MaxResetExpirationMinutes = 10_080;

    /// <summary>Consecutive failed checks that lock the user; Stytch's default is 10.</summary>
    public int LockThreshold { get; set; } = 10;

    /// <summary>How long a lock lasts; Stytch's default is one hour.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The session length when a password login names none: Stytch always starts a session for
    /// password logins, an hour long unless asked otherwise.
    /// </summary>
    public int DefaultSessionDurationMinutes { get; set; } = 60;

    /// <summary>
    /// Answer a password login for an unknown email with <c>email_not_found</c>, and for a user
    /// without a password with <c>no_user_password</c>, as Stytch does. Off by default: both then
    /// answer <c>unauthorized_credentials</c>, like a wrong password, so the login form cannot be
    /// used to find out who has an account.
    /// </summary>
    public bool RevealUnknownEmails { get; set; }

    /// <summary>
    /// Where reset emails link to when the request gives no reset_password_redirect_url. Like every
    /// reset URL, it must be allowed by Godwit:RedirectUrls (checked at startup).
    /// </summary>
    public string? ResetUrl { get; set; }

    public int DefaultResetExpirationMinutes { get; set; } = 30;

    /// <summary>Reset emails per address per minute.</summary>
    public int MaxResetSendsPerMinute { get; set; } = 60;

    public PasswordHashingOptions Hashing { get; set; } = new();

    public PasswordHashLimits HashLimits { get; set; } = new();

    public PasswordStrengthOptions Strength { get; set; } = new();

    /// <summary>What is wrong with these settings, checked at startup; null when they are usable.</summary>
    public string? Problem() =>
        LockThreshold is < 1 or > 100 ? "Godwit:Passwords:LockThreshold must be between 1 and 100."
        : LockDuration < TimeSpan.FromMinutes(5) || LockDuration > TimeSpan.FromDays(7) ? "Godwit:Passwords:LockDuration must be between 5 minutes and 7 days."
        : DefaultSessionDurationMinutes is < Sessions.SessionTokenOptions.MinDurationMinutes or > Sessions.SessionTokenOptions.MaxDurationMinutes ? "Godwit:Passwords:DefaultSessionDurationMinutes must be between 5 and 527040."
        : DefaultResetExpirationMinutes is < MinResetExpirationMinutes or > MaxResetExpirationMinutes ? "Godwit:Passwords:DefaultResetExpirationMinutes must be between 5 and 10080."
        : ResetUrl is not null && !OneTimeSecrets.MagicLinkUrl.IsValid(ResetUrl) ? "Godwit:Passwords:ResetUrl must be an absolute http or https URL."
        : Hashing.Problem() ?? HashLimits.Problem() ?? Strength.Problem();
}
