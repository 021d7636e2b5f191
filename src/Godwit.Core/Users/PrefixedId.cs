namespace Godwit.Core.Users;

/// <summary>
/// Stytch-style identifiers: a kind prefix, the environment and a UUID, such as
/// <c>user-live-0c9f…</c>. Stored and compared as their full text.
/// </summary>
public static class PrefixedId
{
    public const string User = "user-live-";
    public const string Email = "email-live-";
    public const string Phone = "phone-number-live-";
    public const string Session = "session-live-";
    public const string MagicLink = "magic-link-live-";
    public const string Otp = "otp-live-";
    public const string EmbeddedMagicLink = "embedded-live-";
    public const string Totp = "totp-live-";
    public const string TotpRecoveryCode = "totp-recovery-code-live-";
    public const string Password = "password-live-";
    public const string PasswordReset = "password-reset-live-";
    public const string WebAuthnRegistration = "webauthn-registration-live-";
    public const string BiometricRegistration = "biometric-registration-live-";
    public const string Impersonation = "impersonation-live-";
    public const string OAuthRegistration = "oauth-user-registration-live-";

    public static string New(string prefix) => prefix + Guid.CreateVersion7().ToString("D");

    public static bool IsValid(string prefix, string? value) =>
        value is not null
        && value.Length == prefix.Length + 36
        && value.StartsWith(prefix, StringComparison.Ordinal)
        && Guid.TryParseExact(value.AsSpan(prefix.Length), "D", out _)
        // Guid parsing folds case; ids are issued lowercase and compared ordinally.
        && !value.AsSpan(prefix.Length).ContainsAnyInRange('A', 'Z');
}
