using System.Globalization;
using Godwit.Core.Security;

namespace Godwit.Core.Legacy;

/// <summary>
/// How Godwit reaches the legacy system it replaces, bound from <c>Godwit:Migration</c> (a section
/// operators already set, so it keeps its name): the password hook that vouches for passwords
/// Godwit does not hold yet, and the sources that vouch for legacy sessions at
/// <c>POST /v1/sessions/migrate</c>. Everything is off until a URL is set.
/// </summary>
public sealed partial class LegacySystemOptions
{
    public const string SectionName = "Godwit:Migration";
    public const int MinSecretLength = 16;

    /// <summary>Asked for passwords Godwit does not hold (see docs/migration.md for the contract).</summary>
    public Uri? LegacyPasswordHook { get; set; }

    /// <summary>The HMAC-SHA256 key of the password hook's request signatures.</summary>
    public string? LegacyPasswordHookSecret { get; set; }

    /// <summary>
    /// Until this instant (UTC, written as <c>2026-09-01T00:00:00Z</c>) both systems run and the
    /// legacy system stays the authority for passwords Godwit already holds: the hook is asked at
    /// every password login, and Godwit's copy follows its answer. Unset or passed, Godwit's hash
    /// alone decides (docs/migration.md, "While both systems run").
    /// </summary>
    public string? LegacyAuthoritativeUntil { get; set; }

    /// <summary><see cref="LegacyAuthoritativeUntil"/> as an instant; null when unset (or unreadable, which startup refuses).</summary>
    public DateTimeOffset? AuthoritativeUntil =>
        !string.IsNullOrWhiteSpace(LegacyAuthoritativeUntil)
        && DateTimeOffset.TryParseExact(LegacyAuthoritativeUntil.Trim(), UtcInstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            ? until
            : null;

    // Only the Z form: a date-time without an offset would be read in the server's time zone, and
    // the cut-over would move with the machine it runs on.
    private static readonly string[] UtcInstantFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    /// <summary>Asked whose a legacy session token is, when the legacy system has no OIDC UserInfo endpoint.</summary>
    public Uri? LegacySessionHook { get; set; }

    public string? LegacySessionHookSecret { get; set; }

    /// <summary>The legacy OIDC UserInfo endpoint, called with the legacy access token as a bearer token.</summary>
    public Uri? UserInfoUrl { get; set; }

    /// <summary>The legacy system's JWKS: JWT-shaped legacy tokens are verified locally against it.</summary>
    public Uri? LegacyJwksUrl { get; set; }

    public string? LegacyJwtIssuer { get; set; }

    public string? LegacyJwtAudience { get; set; }

    /// <summary>The claim of a legacy JWT that holds the email.</summary>
    public string LegacyJwtEmailClaim { get; set; } = "email";

    /// <summary>
    /// How long one call to the legacy system may take, answer included. A login waits on it, so it
    /// is short; a slower answer is a failure, never a late success.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Session length of a migrated session when the request names none.</summary>
    public int DefaultSessionDurationMinutes { get; set; } = 60;

    public LegacyCircuitOptions CircuitBreaker { get; set; } = new();

    public bool PasswordHookEnabled => LegacyPasswordHook is not null;

    /// <summary>What is wrong with these settings, checked at startup; null when they are usable.</summary>
    public string? Problem() =>
        UrlProblem(LegacyPasswordHook, "LegacyPasswordHook")
        ?? UrlProblem(LegacySessionHook, "LegacySessionHook")
        ?? UrlProblem(UserInfoUrl, "UserInfoUrl")
        ?? UrlProblem(LegacyJwksUrl, "LegacyJwksUrl")
        ?? SecretProblem(LegacyPasswordHook, LegacyPasswordHookSecret, "LegacyPasswordHookSecret")
        ?? SecretProblem(LegacySessionHook, LegacySessionHookSecret, "LegacySessionHookSecret")
        ?? AuthoritativeUntilProblem()
        ?? UserLookupHookProblem()
        ?? (UserInfoUrl is not null && LegacySessionHook is not null
            ? "Godwit:Migration: set UserInfoUrl or LegacySessionHook, not both: each one answers for every legacy token that is not a JWT."
            : null)
        ?? (LegacyJwksUrl is not null && (string.IsNullOrWhiteSpace(LegacyJwtIssuer) || string.IsNullOrWhiteSpace(LegacyJwtAudience))
            ? "Godwit:Migration:LegacyJwksUrl needs LegacyJwtIssuer and LegacyJwtAudience: a legacy JWT is only accepted from its issuer, for its audience."
            : null)
        ?? (string.IsNullOrWhiteSpace(LegacyJwtEmailClaim) ? "Godwit:Migration:LegacyJwtEmailClaim must name a claim." : null)
        ?? (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromSeconds(30)
            ? "Godwit:Migration:Timeout must be between 00:00:00.1 and 00:00:30."
            : null)
        ?? (DefaultSessionDurationMinutes is < Sessions.SessionTokenOptions.MinDurationMinutes or > Sessions.SessionTokenOptions.MaxDurationMinutes
            ? "Godwit:Migration:DefaultSessionDurationMinutes must be between 5 and 527040."
            : null)
        ?? CircuitBreaker.Problem();

    private string? AuthoritativeUntilProblem() =>
        string.IsNullOrWhiteSpace(LegacyAuthoritativeUntil) ? null
        : AuthoritativeUntil is null ? $"Godwit:Migration:LegacyAuthoritativeUntil must be a UTC date-time such as 2026-09-01T00:00:00Z, not '{LegacyAuthoritativeUntil}'."
        : LegacyPasswordHook is null ? "Godwit:Migration:LegacyAuthoritativeUntil needs LegacyPasswordHook: until that date the password hook is asked at every password login."
        : null;

    // These are trust anchors: their answers decide who logs in as whom. Over plain http anyone on
    // the network path could answer instead, so http is only for a legacy system on this machine.
    private static string? UrlProblem(Uri? url, string name) =>
        url is null || (url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && LoopbackHost.Is(url))))
            ? null
            : $"Godwit:Migration:{name} must be an absolute https URL (http only for localhost, 127.0.0.0/8 or [::1]): the legacy system's answers decide who logs in.";

    private static string? SecretProblem(Uri? hook, string? secret, string name) =>
        hook is not null && (secret is null || secret.Length < MinSecretLength)
            ? $"Godwit:Migration:{name} must be set, at least {MinSecretLength} characters, when its hook is: the hook tells requests from Godwit by their signature."
            : null;
}

/// <summary>
/// When to stop calling a failing legacy endpoint for a while. Each endpoint has its own circuit;
/// while it is open, calls fail at once instead of each waiting for the timeout.
/// </summary>
public sealed class LegacyCircuitOptions
{
    /// <summary>Share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls within <see cref="SamplingDuration"/> before the ratio is judged at all.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call is let through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    public string? Problem() =>
        FailureRatio is <= 0 or > 1 ? "Godwit:Migration:CircuitBreaker:FailureRatio must be above 0 and at most 1."
        : MinimumThroughput < 2 ? "Godwit:Migration:CircuitBreaker:MinimumThroughput must be at least 2."
        : SamplingDuration < TimeSpan.FromSeconds(1) ? "Godwit:Migration:CircuitBreaker:SamplingDuration must be at least one second."
        : BreakDuration < TimeSpan.FromSeconds(1) ? "Godwit:Migration:CircuitBreaker:BreakDuration must be at least one second."
        : null;
}
