namespace Godwit.Core.Users;

/// <summary>
/// Stytch-style identifiers: a kind prefix, the environment and a UUID, such as
/// <c>user-live-0c9f…</c>. Stored and compared as their full text. The constants name each kind
/// in its live form; <see cref="New"/> writes <c>-test-</c> instead wherever
/// <see cref="InTestEnvironment"/> is set, as Stytch's test environment does.
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

    private const string Live = "-live-";
    private const string Test = "-test-";

    // The environment is a fact of the host, not of the process: tests run Development and
    // Production servers side by side, and ids are minted in static factories and in the event log
    // alike. So it flows with the async context, set by the host for its startup, its background
    // work and each request (see the server's IdEnvironment).
    private static readonly AsyncLocal<bool> TestEnvironment = new();

    /// <summary>Whether ids minted in this async flow carry Stytch's <c>-test-</c> (Development) rather than <c>-live-</c>.</summary>
    public static bool InTestEnvironment
    {
        get => TestEnvironment.Value;
        set => TestEnvironment.Value = value;
    }

    public static string New(string prefix) => ForEnvironment(prefix) + Guid.CreateVersion7().ToString("D");

    /// <summary>The prefix as this flow's environment writes it: <c>user-test-</c> for <c>user-live-</c> in Development.</summary>
    public static string ForEnvironment(string prefix) =>
        TestEnvironment.Value ? prefix.Replace(Live, Test, StringComparison.Ordinal) : prefix;

    /// <summary>
    /// Whether <paramref name="value"/> is an id of this kind, from either environment: an id of
    /// the other one is well formed and simply not found, as at Stytch.
    /// </summary>
    public static bool IsValid(string prefix, string? value) =>
        HasForm(prefix, value) || HasForm(prefix.Replace(Live, Test, StringComparison.Ordinal), value);

    private static bool HasForm(string prefix, string? value) =>
        value is not null
        && value.Length == prefix.Length + 36
        && value.StartsWith(prefix, StringComparison.Ordinal)
        && Guid.TryParseExact(value.AsSpan(prefix.Length), "D", out _)
        // Guid parsing folds case; ids are issued lowercase and compared ordinally.
        && !value.AsSpan(prefix.Length).ContainsAnyInRange('A', 'Z');
}
