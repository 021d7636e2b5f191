namespace Godwit.Core.Totps;

/// <summary>
/// An authenticator app enrolled for a user (RFC 6238: SHA-1, six digits, 30-second steps). The
/// shared secret is stored sealed (<see cref="TotpSecrets"/>), never in the clear: Godwit must
/// compute codes from it, so a hash would not do.
/// </summary>
public sealed class UserTotp
{
    public required string TotpId { get; init; }

    public required string UserId { get; init; }

    /// <summary>The raw secret (20 bytes as Godwit makes them), sealed with the TOTP id as associated data.</summary>
    public required byte[] EncryptedSecret { get; init; }

    /// <summary>False until the first accepted code proves the app holds the secret.</summary>
    public bool Verified { get; set; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When an unverified TOTP stops being usable; null once verified.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>
    /// The newest 30-second time step whose code was accepted (0: none yet). A code is accepted
    /// only for a later step, so no code works twice (RFC 6238 section 5.2).
    /// </summary>
    public long LastUsedStep { get; set; }

    /// <summary>Code and recovery-code attempts counted in the current window.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When the current attempt window began; null when no attempt is counted.</summary>
    public DateTime? AttemptWindowStartedAt { get; set; }

    /// <summary>
    /// The recovery codes, filled when a TOTP is written (create, import). Reads go through
    /// <see cref="ITotpStore"/> instead: a user loads its TOTPs without their codes.
    /// </summary>
    public List<TotpRecoveryCode> RecoveryCodes { get; init; } = [];

    public bool IsLiveAt(DateTime now) => Verified || ExpiresAt > now;
}

/// <summary>A single-use code that stands in for the authenticator app, stored sealed so it can be shown again.</summary>
public sealed class TotpRecoveryCode
{
    public required string RecoveryCodeId { get; init; }

    public required string TotpId { get; init; }

    /// <summary>The code's text, sealed with the recovery code id as associated data.</summary>
    public required byte[] EncryptedCode { get; init; }

    public DateTime? UsedAt { get; set; }
}
