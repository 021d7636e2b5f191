using System.Text.Json.Serialization;

namespace Godwit.Contracts.Passwords;

/// <summary>
/// A legacy password hash as Migrate Password and each Bulk Import row carry it: its type, the hash,
/// and the config object the type takes, under its wire name (the names put an underscore before a
/// digit, <c>md_5_config</c>). Godwit stores a migrated hash in this same shape.
/// </summary>
public record MigratedHashWire
{
    public required string HashType { get; init; }

    public required string Hash { get; init; }

    [JsonPropertyName("md_5_config")]
    public SaltedDigestConfigWire? Md5Config { get; init; }

    [JsonPropertyName("sha_1_config")]
    public SaltedDigestConfigWire? Sha1Config { get; init; }

    [JsonPropertyName("sha_256_config")]
    public SaltedDigestConfigWire? Sha256Config { get; init; }

    [JsonPropertyName("sha_512_config")]
    public SaltedDigestConfigWire? Sha512Config { get; init; }

    [JsonPropertyName("argon_2_config")]
    public Argon2ConfigWire? Argon2Config { get; init; }

    public ScryptConfigWire? ScryptConfig { get; init; }

    [JsonPropertyName("pbkdf_2_config")]
    public Pbkdf2ConfigWire? Pbkdf2Config { get; init; }

    public FirebaseScryptConfigWire? FirebaseScryptConfig { get; init; }

    [JsonPropertyName("aspnet_membership_config")]
    public SaltConfigWire? AspNetMembershipConfig { get; init; }

    public SaltConfigWire? SymfonyConfig { get; init; }

    public DeviseConfigWire? DeviseConfig { get; init; }

    public HmacConfigWire? HmacConfig { get; init; }

    [JsonPropertyName("bcrypt_sha_256_config")]
    public BcryptSha256ConfigWire? BcryptSha256Config { get; init; }
}

// Every config field is optional on the wire: the hash type's parser names the one that is missing.

/// <summary><c>md_5_config</c>, <c>sha_1_config</c>, <c>sha_256_config</c>, <c>sha_512_config</c>.</summary>
public sealed record SaltedDigestConfigWire(string? PrependSalt, string? AppendSalt);

public sealed record Argon2ConfigWire(string? Salt, int? IterationAmount, int? Memory, int? Threads, int? KeyLength);

public sealed record ScryptConfigWire(string? Salt, int? NParameter, int? RParameter, int? PParameter, int? KeyLength);

/// <summary><c>algorithm</c> is <c>sha1</c>, <c>sha256</c> or <c>sha512</c>.</summary>
public sealed record Pbkdf2ConfigWire(string? Salt, int? IterationAmount, int? KeyLength, string? Algorithm);

public sealed record FirebaseScryptConfigWire(string? Salt, string? SaltSeparator, string? SignerKey, int? Rounds, int? MemoryCost);

/// <summary><c>aspnet_membership_config</c> and <c>symfony_config</c>.</summary>
public sealed record SaltConfigWire(string? Salt);

public sealed record DeviseConfigWire(string? Pepper);

/// <summary><c>key_encoding</c> says how <c>key</c> is written: <c>utf8</c> (the default), <c>hex</c> or <c>base64</c>.</summary>
public sealed record HmacConfigWire(string? Key, string? KeyEncoding = null);

public sealed record BcryptSha256ConfigWire(string? PreHashEncoding);
