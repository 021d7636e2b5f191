using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// The stored form of a migrated hash: the migrate request's own JSON shape (<c>hash_type</c>,
/// <c>hash</c>, and the config object under its wire name), written field by field in a fixed order
/// so equal inputs store equal text. Keeping the wire shape means one parser serves both the request
/// and every later login.
/// </summary>
internal static class StoredHashJson
{
    // Stored, never rendered into HTML: no need to escape '+' in base64 as \u002B.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(MigratedHashInput input)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("hash_type", input.HashType);
            json.WriteString("hash", input.Hash);
            WriteSalted(json, "md_5_config", input.Md5Config);
            WriteSalted(json, "sha_1_config", input.Sha1Config);
            WriteSalted(json, "sha_256_config", input.Sha256Config);
            WriteSalted(json, "sha_512_config", input.Sha512Config);
            if (input.Argon2Config is { } argon2)
            {
                json.WriteStartObject("argon_2_config");
                WriteString(json, "salt", argon2.Salt);
                WriteNumber(json, "iteration_amount", argon2.IterationAmount);
                WriteNumber(json, "memory", argon2.Memory);
                WriteNumber(json, "threads", argon2.Threads);
                WriteNumber(json, "key_length", argon2.KeyLength);
                json.WriteEndObject();
            }

            if (input.ScryptConfig is { } scrypt)
            {
                json.WriteStartObject("scrypt_config");
                WriteString(json, "salt", scrypt.Salt);
                WriteNumber(json, "n_parameter", scrypt.NParameter);
                WriteNumber(json, "r_parameter", scrypt.RParameter);
                WriteNumber(json, "p_parameter", scrypt.PParameter);
                WriteNumber(json, "key_length", scrypt.KeyLength);
                json.WriteEndObject();
            }

            if (input.Pbkdf2Config is { } pbkdf2)
            {
                json.WriteStartObject("pbkdf_2_config");
                WriteString(json, "salt", pbkdf2.Salt);
                WriteNumber(json, "iteration_amount", pbkdf2.IterationAmount);
                WriteNumber(json, "key_length", pbkdf2.KeyLength);
                WriteString(json, "algorithm", pbkdf2.Algorithm);
                json.WriteEndObject();
            }

            if (input.FirebaseScryptConfig is { } firebase)
            {
                json.WriteStartObject("firebase_scrypt_config");
                WriteString(json, "salt", firebase.Salt);
                WriteString(json, "salt_separator", firebase.SaltSeparator);
                WriteString(json, "signer_key", firebase.SignerKey);
                WriteNumber(json, "rounds", firebase.Rounds);
                WriteNumber(json, "memory_cost", firebase.MemoryCost);
                json.WriteEndObject();
            }

            WriteSingle(json, "aspnet_membership_config", "salt", input.AspNetMembershipConfig, c => c.Salt);
            WriteSingle(json, "symfony_config", "salt", input.SymfonyConfig, c => c.Salt);
            WriteSingle(json, "devise_config", "pepper", input.DeviseConfig, c => c.Pepper);
            WriteSingle(json, "hmac_config", "key", input.HmacConfig, c => c.Key);
            WriteSingle(json, "bcrypt_sha_256_config", "pre_hash_encoding", input.BcryptSha256Config, c => c.PreHashEncoding);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; anything else is corruption and throws.</summary>
    public static MigratedHashInput Read(string stored)
    {
        using var document = JsonDocument.Parse(stored);
        var root = document.RootElement;
        return new MigratedHashInput(root.GetProperty("hash_type").GetString()!, root.GetProperty("hash").GetString()!)
        {
            Md5Config = ReadSalted(root, "md_5_config"),
            Sha1Config = ReadSalted(root, "sha_1_config"),
            Sha256Config = ReadSalted(root, "sha_256_config"),
            Sha512Config = ReadSalted(root, "sha_512_config"),
            Argon2Config = root.TryGetProperty("argon_2_config", out var a)
                ? new Argon2Config(String(a, "salt"), Number(a, "iteration_amount"), Number(a, "memory"), Number(a, "threads"), Number(a, "key_length"))
                : null,
            ScryptConfig = root.TryGetProperty("scrypt_config", out var s)
                ? new ScryptConfig(String(s, "salt"), Number(s, "n_parameter"), Number(s, "r_parameter"), Number(s, "p_parameter"), Number(s, "key_length"))
                : null,
            Pbkdf2Config = root.TryGetProperty("pbkdf_2_config", out var p)
                ? new Pbkdf2Config(String(p, "salt"), Number(p, "iteration_amount"), Number(p, "key_length"), String(p, "algorithm"))
                : null,
            FirebaseScryptConfig = root.TryGetProperty("firebase_scrypt_config", out var f)
                ? new FirebaseScryptConfig(String(f, "salt"), String(f, "salt_separator"), String(f, "signer_key"), Number(f, "rounds"), Number(f, "memory_cost"))
                : null,
            AspNetMembershipConfig = root.TryGetProperty("aspnet_membership_config", out var m) ? new AspNetMembershipConfig(String(m, "salt")) : null,
            SymfonyConfig = root.TryGetProperty("symfony_config", out var y) ? new SymfonyConfig(String(y, "salt")) : null,
            DeviseConfig = root.TryGetProperty("devise_config", out var d) ? new DeviseConfig(String(d, "pepper")) : null,
            HmacConfig = root.TryGetProperty("hmac_config", out var h) ? new HmacConfig(String(h, "key")) : null,
            BcryptSha256Config = root.TryGetProperty("bcrypt_sha_256_config", out var b) ? new BcryptSha256Config(String(b, "pre_hash_encoding")) : null,
        };
    }

    private static void WriteSalted(Utf8JsonWriter json, string name, SaltedDigestConfig? config)
    {
        if (config is null)
        {
            return;
        }

        json.WriteStartObject(name);
        WriteString(json, "prepend_salt", config.PrependSalt);
        WriteString(json, "append_salt", config.AppendSalt);
        json.WriteEndObject();
    }

    private static void WriteSingle<T>(Utf8JsonWriter json, string name, string field, T? config, Func<T, string?> value)
        where T : class
    {
        if (config is null)
        {
            return;
        }

        json.WriteStartObject(name);
        WriteString(json, field, value(config));
        json.WriteEndObject();
    }

    private static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static SaltedDigestConfig? ReadSalted(JsonElement root, string name) =>
        root.TryGetProperty(name, out var c) ? new SaltedDigestConfig(String(c, "prepend_salt"), String(c, "append_salt")) : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetInt32() : null;
}
