using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Stytch's <c>scrypt</c>: a PHC string <c>$scrypt$ln=14,r=8,p=1$salt$hash</c> (unpadded base64, as
/// passlib writes it), or the standard base64 of the derived key with <c>scrypt_config</c>.
/// </summary>
internal static class StytchScrypt
{
    public static Result<PasswordVerifier> Parse(string hash, ScryptConfig? config, PasswordHashLimits limits)
    {
        if (hash.StartsWith("$scrypt$", StringComparison.Ordinal))
        {
            return config is null
                ? ParsePhc(hash, limits)
                : ErrorCatalog.UnexpectedHashConfig.WithMessage("scrypt_config must be omitted when the hash is a $scrypt$ PHC string, which carries its own parameters.");
        }

        if (config is null)
        {
            return ErrorCatalog.MissingHashConfig.WithMessage("scrypt_config is required unless the hash is a $scrypt$ln=..,r=..,p=..$salt$hash PHC string.");
        }

        if (hash.StartsWith('$'))
        {
            return ErrorCatalog.InvalidBase64ScryptHash.WithMessage($"The hash starts with '{hash.Split('$', 3)[1]}', not $scrypt$; with scrypt_config it must be the standard base64 of the derived key.");
        }

        if (config.NParameter is not { } n || config.RParameter is not { } r || config.PParameter is not { } p || config.KeyLength is not { } keyLength)
        {
            return ErrorCatalog.InvalidScryptParameters.WithMessage("scrypt_config needs salt, n_parameter, r_parameter, p_parameter and key_length.");
        }

        if (string.IsNullOrEmpty(config.Salt))
        {
            return ErrorCatalog.InvalidScryptSaltLength.WithMessage("scrypt_config.salt is empty.");
        }

        if (!HashText.TryDecodeBase64(config.Salt, out var salt) || HashText.LooksLikeHex(config.Salt))
        {
            return ErrorCatalog.InvalidBase64ScryptSalt.WithMessage(HashText.LooksLikeHex(config.Salt)
                ? "scrypt_config.salt looks like hex; it must be standard base64 of the salt bytes."
                : "scrypt_config.salt is not valid standard base64.");
        }

        if (!HashText.TryDecodeBase64(hash, out var key))
        {
            return ErrorCatalog.InvalidBase64ScryptHash.WithMessage("The hash is not valid standard base64 of the derived key.");
        }

        if (key.Length != keyLength)
        {
            return ErrorCatalog.ScryptKeyLengthMismatch.WithMessage(HashText.IsHex(hash) && hash.Length == keyLength * 2
                ? $"The hash looks like hex ({hash.Length} hex characters = {keyLength} bytes); it must be standard base64."
                : $"scrypt_config.key_length is {keyLength} but the hash decodes to {key.Length} bytes.");
        }

        return Checked(salt, n, r, p, key, limits);
    }

    private static Result<PasswordVerifier> ParsePhc(string hash, PasswordHashLimits limits)
    {
        var parts = hash.Split('$');
        if (parts.Length != 5)
        {
            return ErrorCatalog.InvalidScryptParameters.WithMessage("A $scrypt$ hash must have four $-separated parts: $scrypt$ln=..,r=..,p=..$salt$hash.");
        }

        int? ln = null, r = null, p = null;
        foreach (var pair in parts[2].Split(','))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            if (eq < 0 || !HashText.TryParseDecimal(pair.AsSpan(eq + 1), out var value))
            {
                return ErrorCatalog.InvalidScryptParameters.WithMessage($"The $scrypt$ parameter '{pair}' is not name=decimal.");
            }

            switch (name)
            {
                case "ln" when ln is null: ln = value; break;
                case "r" when r is null: r = value; break;
                case "p" when p is null: p = value; break;
                case "ln" or "r" or "p": return ErrorCatalog.InvalidScryptParameters.WithMessage($"The $scrypt$ parameter '{name}' appears twice.");
                default: return ErrorCatalog.InvalidScryptParameters.WithMessage($"Unknown $scrypt$ parameter '{name}'; expected ln, r and p.");
            }
        }

        if (ln is null || r is null || p is null)
        {
            return ErrorCatalog.InvalidScryptParameters.WithMessage("A $scrypt$ hash needs ln, r and p parameters.");
        }

        if (ln is < 1 or > 62)
        {
            return ErrorCatalog.InvalidScryptNParameter.WithMessage($"scrypt ln {ln} must be between 1 and 62 (N = 2^ln).");
        }

        if (!HashText.TryDecodeBase64(parts[3], out var salt))
        {
            return ErrorCatalog.InvalidBase64ScryptSalt.WithMessage("The $scrypt$ salt is not valid base64.");
        }

        if (!HashText.TryDecodeBase64(parts[4], out var key))
        {
            return ErrorCatalog.InvalidBase64ScryptHash.WithMessage("The $scrypt$ hash part is not valid base64.");
        }

        return Checked(salt, 1L << ln.Value, r.Value, p.Value, key, limits);
    }

    private static Result<PasswordVerifier> Checked(byte[] salt, long n, int r, int p, byte[] key, PasswordHashLimits limits)
    {
        if (ScryptHash.NProblem(n, limits) is { } nProblem)
        {
            return ErrorCatalog.InvalidScryptNParameter.WithMessage(nProblem);
        }

        if ((ScryptHash.CostProblem(n, r, p, limits) ?? ScryptHash.KeyLengthProblem(key.Length, limits)) is { } problem)
        {
            return ErrorCatalog.InvalidScryptParameters.WithMessage(problem);
        }

        return ScryptHash.SaltProblem(salt.Length) is { } saltProblem
            ? ErrorCatalog.InvalidScryptSaltLength.WithMessage(saltProblem)
            : new ScryptHash(salt, n, r, p, key);
    }
}
