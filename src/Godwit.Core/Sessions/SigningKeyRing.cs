using System.Security.Cryptography;
using Godwit.Core.Security;
using Godwit.Core.Users;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Core.Sessions;

/// <summary>
/// The keys that sign and verify session JWTs, shared by every Godwit process through the
/// database: any process may create the next key, and every process picks it up on its next
/// refresh. A new key signs nothing until every process has had time to load it, so a key id a
/// process does not know is almost always made up, and reloads for one are rate-limited.
/// </summary>
public sealed partial class SigningKeyRing(ProjectKeys projectKeys, SessionTokenOptions options, TimeProvider clock, ILogger<SigningKeyRing> logger) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>At most one reload per this span for JWTs naming a key id this process does not know.</summary>
    public static readonly TimeSpan UnknownKeyCooldown = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old a key must be before it signs: longer than any process goes without a refresh, so
    /// every process knows a key before it meets a JWT signed with it.
    /// </summary>
    public static readonly TimeSpan PublicationDelay = RefreshInterval + UnknownKeyCooldown;
    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private volatile Snapshot current = new([], DateTimeOffset.MinValue);

    /// <summary>Loads keys and creates the first or the next one when due.</summary>
    public async Task RefreshAsync(ISigningKeyStore store, CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            await LoadOrCreateAsync(store, cancellationToken);
        }
        finally
        {
            refreshLock.Release();
        }
    }

    /// <summary>
    /// Refreshes when the last load is older than a minute, so rotations by other processes are seen.
    /// Once keys are loaded, one request reloads them and the others go on with the keys they have
    /// instead of queueing behind it (every check at that moment would otherwise wait for a reload each).
    /// </summary>
    public Task RefreshIfStaleAsync(ISigningKeyStore store, CancellationToken cancellationToken) =>
        IsStale(current) ? RefreshIfAsync(store, IsStale, waitForOthers: !IsLoaded, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// An unknown key id may name a key another process created a moment ago, or one an attacker
    /// made up: reload for it at most once per <see cref="UnknownKeyCooldown"/>, so made-up key ids
    /// cannot turn every request into a database read.
    /// </summary>
    public Task RefreshForUnknownKeyAsync(ISigningKeyStore store, CancellationToken cancellationToken) =>
        CooledDown(current) ? RefreshIfAsync(store, CooledDown, waitForOthers: true, cancellationToken) : Task.CompletedTask;

    private bool IsStale(Snapshot keys) => clock.GetUtcNow() - keys.LoadedAt > RefreshInterval;

    private bool CooledDown(Snapshot keys) => clock.GetUtcNow() - keys.LoadedAt >= UnknownKeyCooldown;

    /// <summary>Reloads if <paramref name="due"/> still holds once the lock is held: a reload that finished meanwhile counts.</summary>
    private async Task RefreshIfAsync(ISigningKeyStore store, Func<Snapshot, bool> due, bool waitForOthers, CancellationToken cancellationToken)
    {
        if (waitForOthers)
        {
            await refreshLock.WaitAsync(cancellationToken);
        }
        else if (!refreshLock.Wait(0, cancellationToken))
        {
            return;
        }

        try
        {
            if (due(current))
            {
                await LoadOrCreateAsync(store, cancellationToken);
            }
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task LoadOrCreateAsync(ISigningKeyStore store, CancellationToken cancellationToken)
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

    /// <summary>
    /// The key that signs new JWTs: the newest one published for at least <see cref="PublicationDelay"/>,
    /// or the oldest while none is (a new project's first key signs at once).
    /// </summary>
    public LoadedKey SigningKey
    {
        get
        {
            var keys = current.Keys;
            if (keys.Count == 0)
            {
                throw new InvalidOperationException("Signing keys are not loaded.");
            }

            var now = clock.GetUtcNow();
            return keys.LastOrDefault(k => now - k.CreatedAt >= PublicationDelay) ?? keys[0];
        }
    }

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

    /// <summary>True once keys have been loaded: before that nothing can be signed or verified.</summary>
    public bool IsLoaded => current.Keys.Count > 0;

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
                LogUndecryptableKey(logger, stored.Kid);
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
        var kid = PrefixedId.New("jwk-live-");
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing key {Kid} cannot be decrypted with the configured encryption keys and is ignored.")]
    private static partial void LogUndecryptableKey(ILogger logger, string kid);
}

public sealed record LoadedKey(string Kid, DateTimeOffset CreatedAt, RsaSecurityKey SecurityKey, RSA Rsa);
