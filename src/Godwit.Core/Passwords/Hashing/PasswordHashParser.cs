using System.Collections.Frozen;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// The table of accepted hash formats: checks a migrated hash completely at migrate time, so that a
/// malformed export fails the request with a precise error instead of failing every later login.
/// </summary>
public static class PasswordHashParser
{
    /// <summary>Longer hashes are refused unread; the longest real format (a V3 Identity blob with a big salt) is far shorter.</summary>
    public const int MaxHashLength = 1024;

    /// <summary>Every accepted <c>hash_type</c> with the config object it takes, if any.</summary>
    public static IReadOnlyDictionary<string, string?> HashTypeConfigs { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [HashTypes.Bcrypt] = null,
        [HashTypes.Scrypt] = "scrypt_config",
        [HashTypes.Argon2i] = "argon_2_config",
        [HashTypes.Argon2id] = "argon_2_config",
        [HashTypes.Md5] = "md_5_config",
        [HashTypes.Sha1] = "sha_1_config",
        [HashTypes.Sha512] = "sha_512_config",
        [HashTypes.Pbkdf2] = "pbkdf_2_config",
        [HashTypes.Phpass] = null,
        [HashTypes.FirebaseScrypt] = "firebase_scrypt_config",
        [HashTypes.Md5Crypt] = null,
        [HashTypes.Sha256Crypt] = null,
        [HashTypes.Sha512Crypt] = null,
        [HashTypes.Apr1] = null,
        [HashTypes.Ldap] = null,
        [HashTypes.Django] = null,
        [HashTypes.Passlib] = null,
        [HashTypes.AspNetIdentity] = null,
        [HashTypes.AspNetMembership] = "aspnet_membership_config",
        [HashTypes.Werkzeug] = null,
        [HashTypes.Drupal7] = null,
        [HashTypes.SymfonySha512] = "symfony_config",
        [HashTypes.DeviseBcrypt] = "devise_config",
        [HashTypes.HmacSha256] = "hmac_config",
        [HashTypes.HmacSha512] = "hmac_config",
        [HashTypes.Sha256] = "sha_256_config",
        [HashTypes.BcryptSha256] = "bcrypt_sha_256_config",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Validates everything about <paramref name="input"/> and returns a hash ready to verify and store.</summary>
    public static Result<StoredPasswordHash> Parse(MigratedHashInput input, PasswordHashLimits limits)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrEmpty(input.HashType) || !HashTypeConfigs.TryGetValue(input.HashType, out var configName))
        {
            return ErrorCatalog.InvalidHashType.WithMessage(
                $"hash_type '{Truncate(input.HashType)}' is not supported; use one of {string.Join(", ", HashTypeConfigs.Keys)}.");
        }

        if (string.IsNullOrEmpty(input.Hash))
        {
            return ErrorCatalog.InvalidHash.WithMessage("hash is required.");
        }

        if (input.Hash.Length > MaxHashLength)
        {
            return ErrorCatalog.InvalidHash.WithMessage($"hash is {input.Hash.Length} characters; the limit is {MaxHashLength}.");
        }

        if (input.Hash.AsSpan().IndexOfAny(" \t\r\n") >= 0)
        {
            return ErrorCatalog.InvalidHash.WithMessage("hash contains whitespace; pass it exactly as stored, without spaces or line breaks.");
        }

        var given = HashConfigTable.Given(input);
        foreach (var name in given)
        {
            if (name != configName)
            {
                return ErrorCatalog.UnexpectedHashConfig.WithMessage(configName is null
                    ? $"{name} was given but hash_type {input.HashType} takes no config."
                    : $"{name} was given but hash_type {input.HashType} takes {configName}.");
            }
        }

        var verifier = ParseFormat(input, limits);
        return verifier.Succeeded ? new MigratedPasswordHash(input, verifier.Value) : verifier.Error!;
    }

    private static Result<PasswordVerifier> ParseFormat(MigratedHashInput input, PasswordHashLimits limits)
    {
        var hash = input.Hash;
        switch (input.HashType)
        {
            case HashTypes.Bcrypt:
                return BcryptHash.Parse(hash, BcryptPreHash.None, "", limits, ErrorCatalog.InvalidBcryptHash, ErrorCatalog.InvalidBcryptCost);
            case HashTypes.Scrypt:
                return StytchScrypt.Parse(hash, input.ScryptConfig, limits);
            case HashTypes.Argon2i or HashTypes.Argon2id:
                return StytchArgon2.Parse(input.HashType, hash, input.Argon2Config, limits);
            case HashTypes.Md5:
                return SaltedDigestHash.Parse(input.HashType, hash, input.Md5Config);
            case HashTypes.Sha1:
                return SaltedDigestHash.Parse(input.HashType, hash, input.Sha1Config);
            case HashTypes.Sha256:
                return SaltedDigestHash.Parse(input.HashType, hash, input.Sha256Config);
            case HashTypes.Sha512:
                return SaltedDigestHash.Parse(input.HashType, hash, input.Sha512Config);
            case HashTypes.Pbkdf2:
                return input.Pbkdf2Config is { } pbkdf2 ? StytchPbkdf2.Parse(hash, pbkdf2, limits) : Missing("pbkdf_2_config", input.HashType);
            case HashTypes.Phpass:
                return PhpassHash.ParsePhpass(hash, limits);
            case HashTypes.FirebaseScrypt:
                return input.FirebaseScryptConfig is { } firebase ? FirebaseScryptHash.Parse(hash, firebase, limits) : Missing("firebase_scrypt_config", input.HashType);
            case HashTypes.Md5Crypt or HashTypes.Apr1:
                return Md5CryptHash.Parse(hash, apr1: input.HashType == HashTypes.Apr1);
            case HashTypes.Sha256Crypt or HashTypes.Sha512Crypt:
                return ShaCryptHash.Parse(hash, sha512: input.HashType == HashTypes.Sha512Crypt, limits);
            case HashTypes.Ldap:
                return LdapHash.Parse(hash);
            case HashTypes.Django:
                return DjangoHash.Parse(hash, limits);
            case HashTypes.Passlib:
                return PasslibHash.Parse(hash, limits);
            case HashTypes.AspNetIdentity:
                return AspNetIdentityHash.Parse(hash, limits);
            case HashTypes.AspNetMembership:
                return input.AspNetMembershipConfig is { } membership ? AspNetMembershipHash.Parse(hash, membership) : Missing("aspnet_membership_config", input.HashType);
            case HashTypes.Werkzeug:
                return WerkzeugHash.Parse(hash, limits);
            case HashTypes.Drupal7:
                return PhpassHash.ParseDrupal7(hash, limits);
            case HashTypes.SymfonySha512:
                return input.SymfonyConfig is { } symfony ? SymfonySha512Hash.Parse(hash, symfony) : Missing("symfony_config", input.HashType);
            case HashTypes.DeviseBcrypt:
                return BcryptHash.Parse(hash, BcryptPreHash.Pepper, input.DeviseConfig?.Pepper ?? "", limits, ErrorCatalog.InvalidDeviseBcryptHash, ErrorCatalog.InvalidDeviseBcryptHash);
            case HashTypes.HmacSha256 or HashTypes.HmacSha512:
                return input.HmacConfig is { } hmac ? HmacHash.Parse(input.HashType, hash, hmac) : Missing("hmac_config", input.HashType);
            default:
                return ParseBcryptSha256(hash, input.BcryptSha256Config, limits);
        }
    }

    private static Result<PasswordVerifier> ParseBcryptSha256(string hash, BcryptSha256Config? config, PasswordHashLimits limits)
    {
        BcryptPreHash preHash;
        switch (config?.PreHashEncoding)
        {
            case null or "" or "hex": preHash = BcryptPreHash.Sha256Hex; break;
            case "base64": preHash = BcryptPreHash.Sha256Base64; break;
            default: return ErrorCatalog.InvalidBcryptSha256Config.WithMessage($"bcrypt_sha_256_config.pre_hash_encoding '{Truncate(config.PreHashEncoding)}' is not supported; use hex or base64.");
        }

        return BcryptHash.Parse(hash, preHash, "", limits, ErrorCatalog.InvalidBcryptSha256Hash, ErrorCatalog.InvalidBcryptSha256Hash);
    }

    private static ApiError Missing(string configName, string hashType) =>
        ErrorCatalog.MissingHashConfig.WithMessage($"hash_type {hashType} needs {configName}.");

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
