using System.Security.Cryptography;
using Godwit.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Core.Sessions;

/// <summary>
/// The keys that sign and verify session JWTs, shared by every Godwit process through the
/// database: any process may create the next key, and every process picks it up on its next
/// refresh or as soon as it sees a token signed with a key id it does not know.
/// </summary>
public sealed class SigningKeyRing(ProjectKeys projectKeys, SessionTokenOptions options, TimeProvider clock, ILogger<SigningKeyRing> logger) : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private volatile Snapshot current = new([], DateTimeOffset.MinValue);

    /// <summary>Loads keys and creates the first or the next one when due.</summary>
    public async Task RefreshAsync(ISigningKeyStore store, CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            var keys = await LoadAsync(store, cancellationToken);
            var now = clock.GetUtcNow();
            if (keys.Count == 0 || now - keys[^1].CreatedAt > options.SigningKeyRotation)
            {
                await store.AddAsync(CreateKey(now.UtcDateTime), cancellationToken);
                keys = await LoadAsync(store, cancellationToken);
            }

            current = new Snapshot(keys, now);
        }
        finally
        {
            refreshLock.Release();
        }
    }

    /// <summary>Refreshes when the last load is older than a minute, so rotations by other processes are seen.</summary>
    public Task RefreshIfStaleAsync(ISigningKeyStore store, CancellationToken cancellationToken) =>
        clock.GetUtcNow() - current.LoadedAt > RefreshInterval ? RefreshAsync(store, cancellationToken) : Task.CompletedTask;

    /// <summary>The newest key, which signs every new JWT.</summary>
    public LoadedKey SigningKey => current.Keys.Count > 0 ? current.Keys[^1] : throw new InvalidOperationException("Signing keys are not loaded.");

    /// <summary>
    /// The keys a verifier may meet: the newest, and older ones until every JWT they signed has
    /// expired.
    /// </summary>
    public IReadOnlyList<LoadedKey> PublishedKeys
    {
        get
        {
            var keys = current.Keys;
            var now = clock.GetUtcNow();
            return keys.Where((key, i) => i == keys.Count - 1 || now - keys[i + 1].CreatedAt < options.JwtLifetime + TimeSpan.FromMinutes(5)).ToList();
        }
    }

    public LoadedKey? Find(string? kid) => current.Keys.FirstOrDefault(k => k.Kid == kid);

    private async Task<List<LoadedKey>> LoadAsync(ISigningKeyStore store, CancellationToken cancellationToken)
    {
        var loaded = new List<LoadedKey>();
        foreach (var stored in (await store.ListAsync(cancellationToken)).OrderBy(k => k.CreatedAt))
        {
            if (TryOpen(stored) is { } key)
            {
                loaded.Add(key);
            }
            else
            {
                // A key sealed under a key no longer configured cannot sign; a new one replaces it.
                logger.LogWarning("Signing key {Kid} cannot be decrypted with the configured encryption keys and is ignored.", stored.Kid);
            }
        }

        return loaded;
    }

    private SigningKey CreateKey(DateTime now)
    {
        using var rsa = RSA.Create(2048);
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        var sealedKey = projectKeys.Encryption.Seal(SealPurpose.SigningKey, pkcs8);
        CryptographicOperations.ZeroMemory(pkcs8);
        var kid = "jwk-live-" + Guid.CreateVersion7().ToString("D");
        return new SigningKey { Kid = kid, CreatedAt = now, EncryptedPrivateKey = sealedKey };
    }

    private LoadedKey? TryOpen(SigningKey stored)
    {
        if (projectKeys.Encryption.Open(SealPurpose.SigningKey, stored.EncryptedPrivateKey)?.Plaintext is not { } pkcs8)
        {
            return null;
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new LoadedKey(stored.Kid, new DateTimeOffset(stored.CreatedAt, TimeSpan.Zero), new RsaSecurityKey(rsa) { KeyId = stored.Kid }, rsa);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    public void Dispose() => refreshLock.Dispose();

    private sealed record Snapshot(List<LoadedKey> Keys, DateTimeOffset LoadedAt);
}

public sealed record LoadedKey(string Kid, DateTimeOffset CreatedAt, RsaSecurityKey SecurityKey, RSA Rsa);
