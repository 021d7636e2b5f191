namespace Godwit.Core.Biometrics;

/// <summary>
/// Biometric challenges and lookups of registrations. Registrations are added and removed through
/// <see cref="Users.IUserStore"/>, as part of their user.
/// </summary>
public interface IBiometricStore
{
    /// <summary>Stores a challenge and voids the live ones of the same registration and ceremony, so only the newest counts.</summary>
    Task AddChallengeAsync(BiometricChallenge challenge, DateTime now, CancellationToken cancellationToken);

    /// <summary>The newest challenge of a registration for a ceremony, live or not.</summary>
    Task<BiometricChallenge?> FindLatestChallengeAsync(string biometricRegistrationId, BiometricCeremony ceremony, CancellationToken cancellationToken);

    /// <summary>Marks the challenge used if it is still live; false when it expired or another request used it first.</summary>
    Task<bool> TryConsumeChallengeAsync(string challengeId, DateTime now, CancellationToken cancellationToken);

    Task<BiometricRegistration?> FindAsync(string biometricRegistrationId, CancellationToken cancellationToken);

    Task<BiometricRegistration?> FindByPublicKeyAsync(byte[] publicKey, CancellationToken cancellationToken);
}
