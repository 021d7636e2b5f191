using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.Passwords;

/// <summary>Password authenticate's body.</summary>
public sealed record PasswordAuthenticateRequest
{
    public required string Email { get; init; }

    public required string Password { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}

/// <summary>Password create's body: a new user with an email and a strength-checked password.</summary>
public sealed record CreatePasswordRequest
{
    public required string Email { get; init; }

    public required string Password { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }

    public NameWire? Name { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }
}

/// <summary>
/// Password migrate's body: a legacy hash with its type and config. Stytch's six configs have
/// typed properties (their wire names put an underscore before the digit, <c>md_5_config</c>);
/// any other config Godwit takes (<c>sha_256_config</c>, <c>hmac_config</c>, ...) goes in
/// <see cref="OtherConfigs"/> under its wire name.
/// </summary>
public sealed record MigratePasswordRequest
{
    public required string Email { get; init; }

    public required string Hash { get; init; }

    public required string HashType { get; init; }

    [JsonPropertyName("md_5_config")]
    public SaltedDigestConfigWire? Md5Config { get; init; }

    [JsonPropertyName("sha_1_config")]
    public SaltedDigestConfigWire? Sha1Config { get; init; }

    [JsonPropertyName("sha_512_config")]
    public SaltedDigestConfigWire? Sha512Config { get; init; }

    [JsonPropertyName("argon_2_config")]
    public Argon2ConfigWire? Argon2Config { get; init; }

    public ScryptConfigWire? ScryptConfig { get; init; }

    [JsonPropertyName("pbkdf_2_config")]
    public Pbkdf2ConfigWire? Pbkdf2Config { get; init; }

    /// <remarks>Settable rather than init-only: System.Text.Json cannot bind extension data through an initializer.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherConfigs { get; set; }

    public NameWire? Name { get; init; }

    public string? PhoneNumber { get; init; }

    public string? ExternalId { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }

    public bool? SetEmailVerified { get; init; }

    public bool? SetPhoneNumberVerified { get; init; }
}

public sealed record SaltedDigestConfigWire(string PrependSalt, string AppendSalt);

public sealed record Argon2ConfigWire(string Salt, int IterationAmount, int Memory, int Threads, int KeyLength);

public sealed record ScryptConfigWire(string Salt, int NParameter, int RParameter, int PParameter, int KeyLength);

/// <summary><c>algorithm</c> is <c>sha1</c>, <c>sha256</c> or <c>sha512</c>.</summary>
public sealed record Pbkdf2ConfigWire(string Salt, int IterationAmount, int KeyLength, string Algorithm);
