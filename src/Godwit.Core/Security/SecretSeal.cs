using System.Security.Cryptography;

namespace Godwit.Core.Security;

/// <summary>
/// Secrets Godwit must read back (JWT signing keys, TOTP secrets, recovery codes), sealed with
/// AES-256-GCM under a key derived from the project secret (<see cref="ProjectKeys"/>). A sealed
/// value is <c>nonce (12) | tag (16) | ciphertext</c>. The associated data binds a value to the row
/// it belongs to, so a sealed secret copied into another row does not open there.
/// </summary>
public static class SecretSeal
{
    private static readonly int NonceSize = AesGcm.NonceByteSizes.MaxSize;
    private static readonly int TagSize = AesGcm.TagByteSizes.MaxSize;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        var sealedValue = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        // A random 96-bit nonce per value: each key seals far fewer than the 2^32 values after
        // which random nonces risk repeating.
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), associatedData);
        return sealedValue;
    }

    /// <summary>
    /// The plaintext, or null when the value was not sealed under this key and associated data (a
    /// changed project secret, a value moved to another row) or was altered.
    /// </summary>
    public static byte[]? Open(byte[] key, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> associatedData = default)
    {
        if (sealedValue.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plaintext = new byte[sealedValue.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedValue[..NonceSize], sealedValue[(NonceSize + TagSize)..], sealedValue.Slice(NonceSize, TagSize), plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return null;
        }
    }
}
