using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Security;
using Godwit.Core.Users;
using OtpNet;

namespace Godwit.Core.Totps;

/// <summary>TOTP secrets and recovery codes: how they are made, what they look like, and how they are sealed.</summary>
public static class TotpSecrets
{
    /// <summary>160 bits, the key length RFC 4226 recommends for HMAC-SHA-1.</summary>
    public const int SecretBytes = 20;

    /// <summary>Stytch hands out ten recovery codes per TOTP.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The shortest imported secret accepted: 80 bits, what older authenticator setups used.</summary>
    public const int MinImportedSecretBytes = 10;

    public const int MaxImportedSecretBytes = 64;

    private const string RecoveryAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>RFC 4648 base32 without padding, as authenticator apps take it.</summary>
    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    /// <summary>Reads a base32 secret, ignoring case, spaces and padding; false when it is not one of a usable length.</summary>
    public static bool TryParseBase32(string? text, out byte[] secret)
    {
        secret = [];
        var cleaned = (text ?? "").Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        if (cleaned.Length == 0 || !cleaned.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7'))
        {
            return false;
        }

        var bytes = Base32Encoding.ToBytes(cleaned);
        if (bytes.Length is < MinImportedSecretBytes or > MaxImportedSecretBytes)
        {
            return false;
        }

        secret = bytes;
        return true;
    }

    /// <summary>Ten codes like Stytch's, <c>xxxx-xxxx-xxxx</c> over a–z and 0–9: 62 random bits each.</summary>
    public static IReadOnlyList<string> NewRecoveryCodes() =>
        Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();

    /// <summary>Six ASCII digits, the only shape of code Godwit's TOTPs produce.</summary>
    public static bool IsTotpCode(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>
    /// The stored form of a recovery code: trimmed and lower-cased, 8 to 64 letters, digits and
    /// dashes. Godwit's own codes fit, and so do most that other systems issue, which an import may
    /// bring; six digits alone would be mistaken for a TOTP code and are not a recovery code.
    /// </summary>
    public static bool TryNormalizeRecoveryCode(string? code, out string normalized)
    {
        normalized = (code ?? "").Trim().ToLowerInvariant();
        return normalized.Length is >= 8 and <= 64 && normalized.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }

    /// <summary>
    /// A TOTP ready to be written, its secret and recovery codes sealed under the newest encryption
    /// key with their own ids as associated data. The caller still holds the plaintext to show once.
    /// </summary>
    public static UserTotp Seal(ProjectKeys keys, string userId, byte[] secret, IEnumerable<string> recoveryCodes, bool verified, DateTime now, DateTime? expiresAt)
    {
        var totpId = PrefixedId.New(PrefixedId.Totp);
        return new UserTotp
        {
            TotpId = totpId,
            UserId = userId,
            EncryptedSecret = keys.Encryption.Seal(SealPurpose.Totp, secret, AssociatedData(totpId)),
            Verified = verified,
            CreatedAt = now,
            ExpiresAt = verified ? null : expiresAt,
            RecoveryCodes = recoveryCodes.Select(code =>
            {
                var codeId = PrefixedId.New(PrefixedId.TotpRecoveryCode);
                return new TotpRecoveryCode
                {
                    RecoveryCodeId = codeId,
                    TotpId = totpId,
                    EncryptedCode = keys.Encryption.Seal(SealPurpose.Totp, Encoding.UTF8.GetBytes(code), AssociatedData(codeId)),
                };
            }).ToList(),
        };
    }

    /// <summary>The raw secret, or null when no configured key opens it.</summary>
    public static byte[]? OpenSecret(ProjectKeys keys, UserTotp totp) =>
        keys.Encryption.Open(SealPurpose.Totp, totp.EncryptedSecret, AssociatedData(totp.TotpId))?.Plaintext;

    /// <summary>The code's UTF-8 text, or null when no configured key opens it.</summary>
    public static byte[]? OpenRecoveryCode(ProjectKeys keys, TotpRecoveryCode code) =>
        keys.Encryption.Open(SealPurpose.Totp, code.EncryptedCode, AssociatedData(code.RecoveryCodeId))?.Plaintext;

    /// <summary>What a TOTP secret or recovery code is sealed with besides the key: the id of its own row.</summary>
    public static byte[] AssociatedData(string rowId) => Encoding.UTF8.GetBytes(rowId);

    private static string NewRecoveryCode()
    {
        var characters = RandomNumberGenerator.GetItems<char>(RecoveryAlphabet, 12);
        return $"{new string(characters, 0, 4)}-{new string(characters, 4, 4)}-{new string(characters, 8, 4)}";
    }
}
