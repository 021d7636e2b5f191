using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Godwit.Contracts;
using Godwit.Contracts.Passwords;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// The one table of the migrate request's hash configs. Their wire names and fields are those of
/// Contracts' <see cref="MigratedHashWire"/> (which the SDK, the server's binding, stored hashes and
/// the import presets all read and write); this says how each becomes the hash's parameters.
/// </summary>
public static class HashConfigTable
{
    /// <summary>
    /// For stored hashes: the wire shape without absent fields, and without escaping '+' in base64 as
    /// \u002B (stored, never rendered into HTML), so equal inputs store equal text.
    /// </summary>
    private static readonly GodwitJsonContext StoredJson = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly JsonPropertyInfo[] ConfigProperties = GodwitJsonContext.Default.MigratedHashWire.Properties
        .Where(p => p.Name.EndsWith("_config", StringComparison.Ordinal))
        .ToArray();

    /// <summary>Each config's wire name with its fields' names; true marks a whole number, false text.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Fields { get; } = ConfigProperties.ToDictionary(
        config => config.Name,
        config => (IReadOnlyDictionary<string, bool>)GodwitJsonContext.Default.GetTypeInfo(config.PropertyType)!.Properties
            .ToDictionary(field => field.Name, field => field.PropertyType == typeof(int?)),
        StringComparer.Ordinal);

    /// <summary>The hash with its parameters, from the wire.</summary>
    public static MigratedHashInput ToInput(MigratedHashWire wire) => new(wire.HashType, wire.Hash)
    {
        Md5Config = Salted(wire.Md5Config),
        Sha1Config = Salted(wire.Sha1Config),
        Sha256Config = Salted(wire.Sha256Config),
        Sha512Config = Salted(wire.Sha512Config),
        Argon2Config = wire.Argon2Config is { } a ? new(a.Salt, a.IterationAmount, a.Memory, a.Threads, a.KeyLength) : null,
        ScryptConfig = wire.ScryptConfig is { } s ? new(s.Salt, s.NParameter, s.RParameter, s.PParameter, s.KeyLength) : null,
        Pbkdf2Config = wire.Pbkdf2Config is { } p ? new(p.Salt, p.IterationAmount, p.KeyLength, p.Algorithm) : null,
        FirebaseScryptConfig = wire.FirebaseScryptConfig is { } f ? new(f.Salt, f.SaltSeparator, f.SignerKey, f.Rounds, f.MemoryCost) : null,
        AspNetMembershipConfig = wire.AspNetMembershipConfig is { } m ? new(m.Salt) : null,
        SymfonyConfig = wire.SymfonyConfig is { } y ? new(y.Salt) : null,
        DeviseConfig = wire.DeviseConfig is { } d ? new(d.Pepper) : null,
        HmacConfig = wire.HmacConfig is { } h ? new(h.Key, h.KeyEncoding) : null,
        BcryptSha256Config = wire.BcryptSha256Config is { } b ? new(b.PreHashEncoding) : null,
    };

    /// <summary><paramref name="wire"/> (a migrate request, an import row...) carrying the hash of <paramref name="input"/>.</summary>
    public static T ToWire<T>(MigratedHashInput input, T wire)
        where T : MigratedHashWire => (T)((MigratedHashWire)wire with
        {
            HashType = input.HashType,
            Hash = input.Hash,
            Md5Config = Salted(input.Md5Config),
            Sha1Config = Salted(input.Sha1Config),
            Sha256Config = Salted(input.Sha256Config),
            Sha512Config = Salted(input.Sha512Config),
            Argon2Config = input.Argon2Config is { } a ? new(a.Salt, a.IterationAmount, a.Memory, a.Threads, a.KeyLength) : null,
            ScryptConfig = input.ScryptConfig is { } s ? new(s.Salt, s.NParameter, s.RParameter, s.PParameter, s.KeyLength) : null,
            Pbkdf2Config = input.Pbkdf2Config is { } p ? new(p.Salt, p.IterationAmount, p.KeyLength, p.Algorithm) : null,
            FirebaseScryptConfig = input.FirebaseScryptConfig is { } f ? new(f.Salt, f.SaltSeparator, f.SignerKey, f.Rounds, f.MemoryCost) : null,
            AspNetMembershipConfig = input.AspNetMembershipConfig is { } m ? new(m.Salt) : null,
            SymfonyConfig = input.SymfonyConfig is { } y ? new(y.Salt) : null,
            DeviseConfig = input.DeviseConfig is { } d ? new(d.Pepper) : null,
            HmacConfig = input.HmacConfig is { } h ? new(h.Key, h.KeyEncoding) : null,
            BcryptSha256Config = input.BcryptSha256Config is { } b ? new(b.PreHashEncoding) : null,
        });

    /// <summary>The hash in its wire shape, alone.</summary>
    public static MigratedHashWire ToWire(MigratedHashInput input) => ToWire(input, new MigratedHashWire { HashType = input.HashType, Hash = input.Hash });

    /// <summary>The wire names of the configs <paramref name="input"/> carries.</summary>
    public static IEnumerable<string> Given(MigratedHashInput input)
    {
        var wire = ToWire(input);
        return ConfigProperties.Where(config => config.Get!(wire) is not null).Select(config => config.Name);
    }

    /// <summary>The stored text of a hash (see <see cref="StoredHashJson"/>): its wire shape, in the record's fixed order.</summary>
    internal static string Serialize(MigratedHashInput input) => JsonSerializer.Serialize(ToWire(input), StoredJson.MigratedHashWire);

    /// <summary>Reads what <see cref="Serialize"/> wrote; anything else is corruption and throws.</summary>
    internal static MigratedHashInput Deserialize(string stored) =>
        ToInput(JsonSerializer.Deserialize(stored, StoredJson.MigratedHashWire) ?? throw new JsonException("A stored hash is JSON null."));

    private static SaltedDigestConfig? Salted(SaltedDigestConfigWire? wire) => wire is null ? null : new(wire.PrependSalt, wire.AppendSalt);

    private static SaltedDigestConfigWire? Salted(SaltedDigestConfig? config) => config is null ? null : new(config.PrependSalt, config.AppendSalt);
}
