using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Django's <c>algorithm$…</c> strings: pbkdf2_sha256 and pbkdf2_sha1 (salt is text, hash standard
/// base64), argon2 (argon2-cffi's PHC string behind <c>argon2</c>), bcrypt_sha256 (bcrypt of the hex
/// SHA-256), bcrypt, and scrypt (<c>scrypt$N$salt$r$p$hash</c>).
/// </summary>
internal static class DjangoHash
{
    private static readonly ApiError Error = ErrorCatalog.InvalidDjangoHash;

    public static Result<PasswordVerifier> Parse(string hash, PasswordHashLimits limits)
    {
        var dollar = hash.IndexOf('$', StringComparison.Ordinal);
        var algorithm = dollar < 0 ? hash : hash[..dollar];
        return algorithm switch
        {
            "pbkdf2_sha256" => ParsePbkdf2(hash, HashAlgorithmName.SHA256, 32, limits),
            "pbkdf2_sha1" => ParsePbkdf2(hash, HashAlgorithmName.SHA1, 20, limits),
            "argon2" => ParseArgon2(hash[dollar..], limits),
            "bcrypt_sha256" => ParseBcrypt(hash, "bcrypt_sha256$", BcryptPreHash.Sha256Hex, limits),
            "bcrypt" => ParseBcrypt(hash, "bcrypt$", BcryptPreHash.None, limits),
            "scrypt" => ParseScrypt(hash, limits),
            _ => Error.WithMessage($"Django algorithm '{Truncate(algorithm)}' is not supported; use pbkdf2_sha256, pbkdf2_sha1, argon2, bcrypt_sha256, bcrypt or scrypt."),
        };
    }

    private static Result<PasswordVerifier> ParsePbkdf2(string hash, HashAlgorithmName prf, int keyBytes, PasswordHashLimits limits)
    {
        var parts = hash.Split('$');
        if (parts.Length != 4)
        {
            return Error.WithMessage($"A Django {parts[0]} hash must be {parts[0]}$<iterations>$<salt>$<base64 hash>.");
        }

        if (!HashText.TryParseDecimal(parts[1], out var iterations))
        {
            return Error.WithMessage($"The Django iteration count '{Truncate(parts[1])}' is not a decimal number.");
        }

        if (parts[2].Length == 0)
        {
            return Error.WithMessage("The Django salt is empty.");
        }

        if (!HashText.TryDecodeBase64(parts[3], out var key) || key.Length != keyBytes)
        {
            return Error.WithMessage($"The Django {parts[0]} hash part must be the standard base64 of {keyBytes} bytes.");
        }

        return Pbkdf2Hash.Create(prf, iterations, Encoding.UTF8.GetBytes(parts[2]), key, limits, Error, Error, $"Django {parts[0]}");
    }

    private static Result<PasswordVerifier> ParseArgon2(string phc, PasswordHashLimits limits)
    {
        var argon2id = phc.StartsWith("$argon2id$", StringComparison.Ordinal);
        if (!argon2id && !phc.StartsWith("$argon2i$", StringComparison.Ordinal))
        {
            return Error.WithMessage("A Django argon2 hash must continue with $argon2id$ or $argon2i$.");
        }

        var parsed = Argon2Hash.ParsePhc(phc, argon2id, limits, Argon2Errors.All(Error), "Django argon2");
        return parsed.Succeeded ? parsed.Value : parsed.Error!;
    }

    private static Result<PasswordVerifier> ParseBcrypt(string hash, string prefix, BcryptPreHash preHash, PasswordHashLimits limits) =>
        hash.StartsWith(prefix + "$", StringComparison.Ordinal)
            ? BcryptHash.Parse(hash[prefix.Length..], preHash, "", limits, Error, Error, $"Django {prefix.TrimEnd('$')} bcrypt part")
            : Error.WithMessage($"A Django {prefix.TrimEnd('$')} hash must be {prefix}$2b$<cost>$<salt and checksum>.");

    private static Result<PasswordVerifier> ParseScrypt(string hash, PasswordHashLimits limits)
    {
        var parts = hash.Split('$');
        if (parts.Length != 6 || !HashText.TryParseDecimal(parts[1], out var n) || !HashText.TryParseDecimal(parts[3], out var r) || !HashText.TryParseDecimal(parts[4], out var p))
        {
            return Error.WithMessage("A Django scrypt hash must be scrypt$<N>$<salt>$<r>$<p>$<base64 hash>.");
        }

        if (parts[2].Length == 0 || !HashText.TryDecodeBase64(parts[5], out var key))
        {
            return Error.WithMessage("The Django scrypt salt is empty or its hash part is not standard base64.");
        }

        return ScryptHash.Create(Encoding.UTF8.GetBytes(parts[2]), n, r, p, key, limits, Error);
    }

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
