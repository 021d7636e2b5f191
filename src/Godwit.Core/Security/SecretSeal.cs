using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Godwit.Core.Security;

/// <summary>
/// Secrets Godwit must read back (JWT signing keys, TOTP secrets, recovery codes), sealed with
/// AES-256-GCM. A sealed value is <c>"gk1" | id length (1) | key id (ASCII) | nonce (12) | tag (16) |
/// ciphertext</c>: it names the key of <see cref="EncryptionKeyRing"/> that sealed it, so a ring of
/// several keys opens it without trying each. Values sealed before the ring existed are the bare
/// <c>nonce | tag | ciphertext</c> (a "box"), under the key derived from the project secret. The
/// associated data binds a value to the row it belongs to, so a sealed secret copied into another
/// row does not open there.
/// </summary>
public static class SecretSeal
{
    /// <summary>Longest key id: with it, the longest secret Godwit seals (64 bytes) fills the 128-byte column.</summary>
    public const int MaxKeyIdLength = 32;

    private static readonly int NonceSize = AesGcm.NonceByteSizes.MaxSize;
    private static readonly int TagSize = AesGcm.TagByteSizes.MaxSize;

    private static ReadOnlySpan<byte> Mark => "gk1"u8;

    public static byte[] Seal(byte[] key, string keyId, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        if (!EncryptionKey.IsValidId(keyId))
        {
            throw new ArgumentException("Not a usable key id.", nameof(keyId));
        }

        var header = Mark.Length + 1 + keyId.Length;
        var sealedValue = new byte[header + NonceSize + TagSize + plaintext.Length];
        Mark.CopyTo(sealedValue);
        sealedValue[Mark.Length] = (byte)keyId.Length;
        Encoding.ASCII.GetBytes(keyId, sealedValue.AsSpan(Mark.Length + 1));
        var box = sealedValue.AsSpan(header);
        var nonce = box[..NonceSize];
        // A random 96-bit nonce per value: each key seals far fewer than the 2^32 values after
        // which random nonces risk repeating.
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, box[(NonceSize + TagSize)..], box.Slice(NonceSize, TagSize), associatedData);
        return sealedValue;
    }

    /// <summary>
    /// The id of the key that sealed the value and where its box starts; false for a value without
    /// a key id (sealed before the ring) or one too short to be a sealed value.
    /// </summary>
    public static bool TryReadKeyId(ReadOnlySpan<byte> sealedValue, [NotNullWhen(true)] out string? keyId, out int boxStart)
    {
        keyId = null;
        boxStart = 0;
        if (sealedValue.Length < Mark.Length + 1 || !sealedValue.StartsWith(Mark))
        {
            return false;
        }

        var length = sealedValue[Mark.Length];
        var start = Mark.Length + 1 + length;
        if (length is 0 or > MaxKeyIdLength || sealedValue.Length < start + NonceSize + TagSize)
        {
            return false;
        }

        var id = Encoding.ASCII.GetString(sealedValue.Slice(Mark.Length + 1, length));
        if (!EncryptionKey.IsValidId(id))
        {
            return false;
        }

        (keyId, boxStart) = (id, start);
        return true;
    }

    /// <summary>
    /// The plaintext of a box (<c>nonce | tag | ciphertext</c>), or null when it was not sealed
    /// under this key and associated data (another key, a value moved to another row) or was altered.
    /// </summary>
    public static byte[]? OpenBox(byte[] key, ReadOnlySpan<byte> box, ReadOnlySpan<byte> associatedData = default)
    {
        if (box.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plaintext = new byte[box.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(box[..NonceSize], box[(NonceSize + TagSize)..], box.Slice(NonceSize, TagSize), plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return null;
        }
    }
}
