namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// A password hash exported from another system, as <c>POST /v1/passwords/migrate</c> carries it:
/// the <c>hash_type</c>, the <c>hash</c>, and at most one config object whose JSON name is the
/// snake_case of the property (<c>md_5_config</c>, <c>argon_2_config</c>, <c>pbkdf_2_config</c>…).
/// </summary>
public sealed record MigratedHashInput(string HashType, string Hash)
{
    public SaltedDigestConfig? Md5Config { get; init; }

    public SaltedDigestConfig? Sha1Config { get; init; }

    public SaltedDigestConfig? Sha256Config { get; init; }

    public SaltedDigestConfig? Sha512Config { get; init; }

    public Argon2Config? Argon2Config { get; init; }

    public ScryptConfig? ScryptConfig { get; init; }

    public Pbkdf2Config? Pbkdf2Config { get; init; }

    public FirebaseScryptConfig? FirebaseScryptConfig { get; init; }

    public AspNetMembershipConfig? AspNetMembershipConfig { get; init; }

    public SymfonyConfig? SymfonyConfig { get; init; }

    public DeviseConfig? DeviseConfig { get; init; }

    public HmacConfig? HmacConfig { get; init; }

    public BcryptSha256Config? BcryptSha256Config { get; init; }
}

/// <summary><c>md_5_config</c>, <c>sha_1_config</c>, <c>sha_256_config</c>, <c>sha_512_config</c>: literal text around the password.</summary>
public sealed record SaltedDigestConfig(string? PrependSalt, string? AppendSalt);

/// <summary><c>argon_2_config</c>: the salt is plain text whose UTF-8 bytes are the salt; memory is in KiB.</summary>
public sealed record Argon2Config(string? Salt, int? IterationAmount, int? Memory, int? Threads, int? KeyLength);

/// <summary><c>scrypt_config</c>: the salt is standard base64.</summary>
public sealed record ScryptConfig(string? Salt, int? NParameter, int? RParameter, int? PParameter, int? KeyLength);

/// <summary><c>pbkdf_2_config</c>: the salt is standard base64; algorithm is <c>sha256</c> (default) or <c>sha512</c>.</summary>
public sealed record Pbkdf2Config(string? Salt, int? IterationAmount, int? KeyLength, string? Algorithm);

/// <summary><c>firebase_scrypt_config</c>: salt, separator and signer key are standard base64, as Firebase exports them.</summary>
public sealed record FirebaseScryptConfig(string? Salt, string? SaltSeparator, string? SignerKey, int? Rounds, int? MemoryCost);

/// <summary><c>aspnet_membership_config</c>: the salt is standard base64.</summary>
public sealed record AspNetMembershipConfig(string? Salt);

/// <summary><c>symfony_config</c>: the salt is plain text (may be empty).</summary>
public sealed record SymfonyConfig(string? Salt);

/// <summary><c>devise_config</c>: the pepper appended to the password before bcrypt.</summary>
public sealed record DeviseConfig(string? Pepper);

/// <summary><c>hmac_config</c>: the key is plain text whose UTF-8 bytes are the HMAC key.</summary>
/// <summary><see cref="KeyEncoding"/>: null or <c>utf8</c>, <c>hex</c>, <c>base64</c> (apps that keep binary keys).</summary>
public sealed record HmacConfig(string? Key, string? KeyEncoding = null);

/// <summary><c>bcrypt_sha_256_config</c>: how the SHA-256 digest is written before bcrypt, <c>hex</c> (default) or <c>base64</c>.</summary>
public sealed record BcryptSha256Config(string? PreHashEncoding);
