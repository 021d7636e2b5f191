using System.Security.Cryptography;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// passlib's PBKDF2 strings <c>$pbkdf2-sha256$rounds$salt$checksum</c>, <c>$pbkdf2-sha512$</c> and
/// <c>$pbkdf2$</c> (SHA-1), salt and checksum in passlib's "adapted base64" (<c>.</c> for <c>+</c>, no padding).
/// </summary>
internal static class PasslibHash
{
    private static readonly ApiError Error = ErrorCatalog.InvalidPasslibHash;

    public static Result<PasswordVerifier> Parse(string hash, PasswordHashLimits limits)
    {
        var parts = hash.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0)
        {
            return Error.WithMessage("A passlib hash must be $pbkdf2-sha256$<rounds>$<salt>$<checksum> (or $pbkdf2-sha512$, $pbkdf2$).");
        }

        var (prf, keyBytes) = parts[1] switch
        {
            "pbkdf2-sha256" => (HashAlgorithmName.SHA256, 32),
            "pbkdf2-sha512" => (HashAlgorithmName.SHA512, 64),
            "pbkdf2" => (HashAlgorithmName.SHA1, 20),
            _ => (default(HashAlgorithmName), 0),
        };
        if (keyBytes == 0)
        {
            return Error.WithMessage($"passlib scheme '${parts[1]}$' is not supported; use $pbkdf2-sha256$, $pbkdf2-sha512$ or $pbkdf2$.");
        }

        if (!HashText.TryParseDecimal(parts[2], out var rounds))
        {
            return Error.WithMessage("The passlib rounds are not a decimal number.");
        }

        if (!HashText.TryDecodeAb64(parts[3], out var salt))
        {
            return Error.WithMessage("The passlib salt is not adapted base64 (A-Za-z0-9./, no padding).");
        }

        if (!HashText.TryDecodeAb64(parts[4], out var checksum) || checksum.Length != keyBytes)
        {
            return Error.WithMessage($"The passlib checksum must be the adapted base64 of {keyBytes} bytes.");
        }

        return Pbkdf2Hash.Create(prf, rounds, salt, checksum, limits, Error, Error, $"passlib {parts[1]}");
    }
}
