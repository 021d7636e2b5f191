namespace Godwit.Core.WebAuthn;

/// <summary>
/// WebAuthn challenges and the queries on registrations that do not go through the user aggregate.
/// Registrations are added and removed through <see cref="Users.IUserStore"/>, as part of their user.
/// </summary>
public interface IWebAuthnStore
{
    Task AddChallengeAsync(WebAuthnChallenge challenge, CancellationToken cancellationToken);

    Task<WebAuthnChallenge?> FindChallengeAsync(byte[] challenge, CancellationToken cancellationToken);

    /// <summary>Marks the challenge used if it is still live; false when it expired or another request used it first.</summary>
    Task<bool> TryConsumeChallengeAsync(string challengeId, DateTime now, CancellationToken cancellationToken);

    Task<WebAuthnRegistration?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken);

    Task<WebAuthnRegistration?> FindAsync(string webAuthnRegistrationId, CancellationToken cancellationToken);

    Task<bool> CredentialIdTakenAsync(byte[] credentialId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the signature counter from <paramref name="expected"/> to <paramref name="nextSignCount"/>; false when
    /// another assertion moved it first, so two uses of one counter value cannot both succeed.
    /// </summary>
    Task<bool> TryAdvanceSignCountAsync(string webAuthnRegistrationId, long expected, long nextSignCount, CancellationToken cancellationToken);

    Task<bool> RenameAsync(string webAuthnRegistrationId, string name, CancellationToken cancellationToken);
}
