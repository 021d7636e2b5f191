namespace Godwit.Core.Security;

/// <summary>
/// The keys that seal stored secrets, apart from the API secret so that rotating one leaves the
/// other alone. The first key is the newest: it seals every new value. Every key opens what it
/// sealed, and so does the key derived from the project secret, for values sealed before the ring
/// existed, until <c>godwit keys reseal</c> has moved them.
/// </summary>
public sealed class EncryptionKeyRing
{
    private readonly Dictionary<string, EncryptionKey> byId;
    private readonly EncryptionKey? derivedFromSecret;

    /// <param name="keys">Newest first; at least one, ids distinct.</param>
    /// <param name="projectSecret">The project secret whose derived key opens values sealed before the ring; null when there are none.</param>
    public EncryptionKeyRing(IReadOnlyList<EncryptionKey> keys, string? projectSecret)
    {
        if (keys.Count == 0 || keys.Any(k => k.Id is null))
        {
            throw new ArgumentException("A ring needs at least one key with an id.", nameof(keys));
        }

        byId = new Dictionary<string, EncryptionKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!byId.TryAdd(key.Id!, key))
            {
                throw new ArgumentException($"Two keys have the id '{key.Id}'.", nameof(keys));
            }
        }

        Newest = keys[0];
        derivedFromSecret = projectSecret is null ? null : EncryptionKey.DerivedFromSecret(projectSecret);
    }

    public EncryptionKey Newest { get; }

    public string NewestId => Newest.Id!;

    /// <summary>Seals under the newest key; the value carries its id.</summary>
    public byte[] Seal(SealPurpose purpose, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default) =>
        SecretSeal.Seal(Newest.SealKey(purpose), NewestId, plaintext, associatedData);

    /// <summary>
    /// The plaintext and the id of the key that opened it (null: the key derived from the project
    /// secret), or null when no key of the ring opens it with this associated data.
    /// </summary>
    public OpenedSecret? Open(SealPurpose purpose, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> associatedData = default)
    {
        if (SecretSeal.TryReadKeyId(sealedValue, out var keyId, out var boxStart)
            && byId.TryGetValue(keyId, out var key)
            && SecretSeal.OpenBox(key.SealKey(purpose), sealedValue[boxStart..], associatedData) is { } plaintext)
        {
            return new OpenedSecret(plaintext, keyId);
        }

        // A value from before the ring has no key id; its random nonce may by chance begin like
        // one, so it is tried whole whenever the named key does not open it.
        return derivedFromSecret is not null && SecretSeal.OpenBox(derivedFromSecret.SealKey(purpose), sealedValue, associatedData) is { } old
            ? new OpenedSecret(old, null)
            : null;
    }
}

/// <summary>An opened secret, and the id of the ring key that had sealed it (null: the key derived from the project secret).</summary>
public sealed record OpenedSecret(byte[] Plaintext, string? KeyId);
