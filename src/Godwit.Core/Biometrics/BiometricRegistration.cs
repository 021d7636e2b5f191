namespace Godwit.Core.Biometrics;

/// <summary>
/// A device key a mobile app keeps behind the device's biometric prompt. Only a completed (verified)
/// registration is stored; a started one lives as a <see cref="BiometricChallenge"/> until then.
/// </summary>
public sealed class BiometricRegistration
{
    public required string BiometricRegistrationId { get; init; }

    public required string UserId { get; init; }

    public required BiometricKeyType KeyType { get; init; }

    /// <summary>The canonical public key (see <see cref="BiometricPublicKey"/>); unique across all users.</summary>
    public required byte[] PublicKey { get; init; }

    public DateTime CreatedAt { get; init; }
}

public enum BiometricKeyType
{
    Ed25519,
    EcdsaP256,
}
