namespace Godwit.Core.Sessions;

/// <summary>An RSA key that signs session JWTs; its private half is stored encrypted.</summary>
public sealed class SigningKey
{
    public required string Kid { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>PKCS#8 private key sealed with AES-GCM under a key of the encryption ring (<see cref="Security.SecretSeal"/>).</summary>
    public required byte[] EncryptedPrivateKey { get; init; }
}

public interface ISigningKeyStore
{
    Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(SigningKey key, CancellationToken cancellationToken);
}
