using System.Security.Cryptography;
using System.Text;

namespace Godwit.Server.Tests.Keys;

/// <summary>
/// Turns a database into one as Godwit left it before the encryption key ring: every sealed value
/// opened from the ring's format and sealed again as it was then, <c>nonce | tag | ciphertext</c>
/// under a key derived from the API secret. Written here from the formats' descriptions, not with
/// Godwit's code, so a change to either format cannot pass unnoticed.
/// </summary>
internal static class LegacySealing
{
    public static async Task RewriteAsync(KeysDatabase database, string apiSecret, string encryptionKeySetting)
    {
        var ringKey = Convert.FromBase64String(encryptionKeySetting[(encryptionKeySetting.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        foreach (var (table, idColumn, valueColumn) in KeysDatabase.SealedColumns)
        {
            var label = table == "signing_keys" ? "godwit signing key encryption v1" : "godwit totp secret encryption v1";
            foreach (var (rowId, value) in await database.ReadAsync(table, idColumn, valueColumn))
            {
                // Signing keys are sealed without associated data; TOTP secrets and codes with their row id.
                var associatedData = table == "signing_keys" ? [] : Encoding.UTF8.GetBytes(rowId);
                var plaintext = Open(Derive(ringKey, label), value.AsSpan(4 + value[3]), associatedData);
                await database.WriteAsync(table, idColumn, valueColumn, rowId, Seal(Derive(Encoding.UTF8.GetBytes(apiSecret), label), plaintext, associatedData));
            }
        }
    }

    private static byte[] Derive(byte[] inputKeyMaterial, string label) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKeyMaterial, 32, info: Encoding.UTF8.GetBytes(label));

    private static byte[] Open(byte[] key, ReadOnlySpan<byte> box, byte[] associatedData)
    {
        var plaintext = new byte[box.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(box[..12], box[28..], box[12..28], plaintext, associatedData);
        return plaintext;
    }

    private static byte[] Seal(byte[] key, byte[] plaintext, byte[] associatedData)
    {
        var box = new byte[28 + plaintext.Length];
        RandomNumberGenerator.Fill(box.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(box.AsSpan(0, 12), plaintext, box.AsSpan(28), box.AsSpan(12, 16), associatedData);
        return box;
    }
}
