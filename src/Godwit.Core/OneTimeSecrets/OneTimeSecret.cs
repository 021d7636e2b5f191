namespace Godwit.Core.OneTimeSecrets;

/// <summary>
/// A magic-link or password-reset token, or a one-time passcode, stored only as its hash. It is
/// consumed once by a conditional update, so two simultaneous uses cannot both succeed.
/// </summary>
public sealed class OneTimeSecret
{
    public required string Id { get; init; }

    public required OneTimeSecretKind Kind { get; init; }

    public required string UserId { get; init; }

    /// <summary>
    /// The email_id or phone_id the secret was sent to, which its use verifies; for an embeddable
    /// magic link, its embedded_id, which verifies nothing.
    /// </summary>
    public required string MethodId { get; init; }

    public required byte[] SecretHash { get; init; }

    /// <summary>PKCE S256 challenge (RFC 7636) the link was sent with, if any.</summary>
    public string? CodeChallenge { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? ConsumedAt { get; set; }

    public int FailedAttempts { get; set; }
}

// Stored by name in a column of 16 characters.
public enum OneTimeSecretKind
{
    MagicLink,
    Invite,
    Otp,
    PasswordReset,

    /// <summary>A magic link token handed to the backend (POST /v1/magic_links), sent to no address.</summary>
    EmbeddedLink,

    /// <summary>A passcode sent over WhatsApp: one phone's codes, limits and guesses are shared with SMS.</summary>
    WhatsAppOtp,
}

public interface IOneTimeSecretStore
{
    Task AddAsync(OneTimeSecret secret, CancellationToken cancellationToken);

    Task<OneTimeSecret?> FindByHashAsync(byte[] secretHash, CancellationToken cancellationToken);

    /// <summary>The newest passcode (by SMS, WhatsApp or email) sent to this email or phone that is neither consumed nor expired.</summary>
    Task<OneTimeSecret?> FindLiveOtpAsync(string methodId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Marks the secret used if it is still live; false when another request got there first.</summary>
    Task<bool> TryConsumeAsync(string id, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one attempt against a passcode before it is compared, and consumes it once the
    /// limit is reached; false when the attempt is over the limit.
    /// </summary>
    Task<bool> TryCountAttemptAsync(string id, int maxAttempts, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// How many secrets of a kind were created for a method at or after <paramref name="since"/>,
    /// used or not: the database is the one counter every Godwit process shares for send limits.
    /// </summary>
    Task<int> CountCreatedSinceAsync(string methodId, OneTimeSecretKind kind, DateTime since, CancellationToken cancellationToken);

    /// <summary>Consumes every live secret of a kind sent to a method; returns how many.</summary>
    Task<int> ConsumeAllAsync(string methodId, OneTimeSecretKind kind, DateTime now, CancellationToken cancellationToken);
}
