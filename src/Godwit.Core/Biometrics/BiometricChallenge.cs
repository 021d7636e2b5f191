namespace Godwit.Core.Biometrics;

/// <summary>
/// A started registration or login: the random bytes the device must sign. Clients name the
/// registration, not the challenge, so the newest live challenge of a registration is the one that
/// counts; it is consumed once by a conditional update and void after it expires.
/// </summary>
public sealed class BiometricChallenge
{
    public required string ChallengeId { get; init; }

    public required BiometricCeremony Ceremony { get; init; }

    /// <summary>The registration being created or used; for a registration it is not stored until verified.</summary>
    public required string BiometricRegistrationId { get; init; }

    public required string UserId { get; init; }

    public required BiometricKeyType KeyType { get; init; }

    /// <summary>The key that must have made the signature (for a login, a copy of the registered one).</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>
    /// The bytes to sign. Not a secret (the device's signature is the proof, and the server needs the
    /// bytes to check it), so they are stored as they are.
    /// </summary>
    public required byte[] Challenge { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? ConsumedAt { get; set; }
}

public enum BiometricCeremony
{
    Registration,
    Authentication,
}
