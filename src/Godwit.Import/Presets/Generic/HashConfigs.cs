using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Import.Presets.Generic;

/// <summary>
/// The config objects of <c>POST /v1/passwords/migrate</c> by their wire names, with their fields, so
/// a mapping file can give them in the request's own shape (see docs/password-hashes.md).
/// </summary>
internal static class HashConfigs
{
    private static readonly string[] Salted = ["prepend_salt", "append_salt"];

    /// <summary>Each config's fields; true marks a whole number, false text.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Fields { get; } = new Dictionary<string, IReadOnlyDictionary<string, bool>>
    {
        ["md_5_config"] = Text(Salted),
        ["sha_1_config"] = Text(Salted),
        ["sha_256_config"] = Text(Salted),
        ["sha_512_config"] = Text(Salted),
        ["argon_2_config"] = Mixed(["salt"], ["iteration_amount", "memory", "threads", "key_length"]),
        ["scrypt_config"] = Mixed(["salt"], ["n_parameter", "r_parameter", "p_parameter", "key_length"]),
        ["pbkdf_2_config"] = Mixed(["salt", "algorithm"], ["iteration_amount", "key_length"]),
        ["firebase_scrypt_config"] = Mixed(["salt", "salt_separator", "signer_key"], ["rounds", "memory_cost"]),
        ["aspnet_membership_config"] = Text(["salt"]),
        ["symfony_config"] = Text(["salt"]),
        ["devise_config"] = Text(["pepper"]),
        ["hmac_config"] = Text(["key"]),
        ["bcrypt_sha_256_config"] = Text(["pre_hash_encoding"]),
    };

    /// <summary>The config a hash type takes, or null (none, or a type Godwit does not know, which validation refuses).</summary>
    public static string? For(string hashType) => PasswordHashParser.HashTypeConfigs.GetValueOrDefault(hashType);

    /// <summary>The migrate request's hash: <paramref name="config"/> holds the fields of <paramref name="configName"/>, as validated by the mapping.</summary>
    public static MigratedHashInput Create(string hashType, string hash, string? configName, JsonObject? config)
    {
        var input = new MigratedHashInput(hashType, hash);
        if (configName is null || config is null || config.Count == 0)
        {
            return input;
        }

        string? S(string field) => config[field]?.GetValue<string>();
        int? I(string field) => config[field]?.GetValue<int>();
        return configName switch
        {
            "md_5_config" => input with { Md5Config = new SaltedDigestConfig(S("prepend_salt"), S("append_salt")) },
            "sha_1_config" => input with { Sha1Config = new SaltedDigestConfig(S("prepend_salt"), S("append_salt")) },
            "sha_256_config" => input with { Sha256Config = new SaltedDigestConfig(S("prepend_salt"), S("append_salt")) },
            "sha_512_config" => input with { Sha512Config = new SaltedDigestConfig(S("prepend_salt"), S("append_salt")) },
            "argon_2_config" => input with { Argon2Config = new Argon2Config(S("salt"), I("iteration_amount"), I("memory"), I("threads"), I("key_length")) },
            "scrypt_config" => input with { ScryptConfig = new ScryptConfig(S("salt"), I("n_parameter"), I("r_parameter"), I("p_parameter"), I("key_length")) },
            "pbkdf_2_config" => input with { Pbkdf2Config = new Pbkdf2Config(S("salt"), I("iteration_amount"), I("key_length"), S("algorithm")) },
            "firebase_scrypt_config" => input with
            {
                FirebaseScryptConfig = new FirebaseScryptConfig(S("salt"), S("salt_separator"), S("signer_key"), I("rounds"), I("memory_cost")),
            },
            "aspnet_membership_config" => input with { AspNetMembershipConfig = new AspNetMembershipConfig(S("salt")) },
            "symfony_config" => input with { SymfonyConfig = new SymfonyConfig(S("salt")) },
            "devise_config" => input with { DeviseConfig = new DeviseConfig(S("pepper")) },
            "hmac_config" => input with { HmacConfig = new HmacConfig(S("key")) },
            "bcrypt_sha_256_config" => input with { BcryptSha256Config = new BcryptSha256Config(S("pre_hash_encoding")) },
            _ => throw new ArgumentOutOfRangeException(nameof(configName), configName, "not a migrate config"),
        };
    }

    private static Dictionary<string, bool> Text(string[] fields) => fields.ToDictionary(f => f, _ => false);

    private static Dictionary<string, bool> Mixed(string[] text, string[] numbers) =>
        text.Select(f => (f, false)).Concat(numbers.Select(f => (f, true))).ToDictionary(p => p.Item1, p => p.Item2);
}
