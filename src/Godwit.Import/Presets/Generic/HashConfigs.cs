using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Contracts;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Import.Presets.Generic;

/// <summary>
/// The config objects of <c>POST /v1/passwords/migrate</c> by their wire names, with their fields, so
/// a mapping file can give them in the request's own shape (see docs/password-hashes.md). They come
/// from <see cref="HashConfigTable"/>.
/// </summary>
internal static class HashConfigs
{
    /// <summary>Each config's fields; true marks a whole number, false text.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Fields => HashConfigTable.Fields;

    /// <summary>The config a hash type takes, or null (none, or a type Godwit does not know, which validation refuses).</summary>
    public static string? For(string hashType) => PasswordHashParser.HashTypeConfigs.GetValueOrDefault(hashType);

    /// <summary>The migrate request's hash: <paramref name="config"/> holds the fields of <paramref name="configName"/>, as validated by the mapping.</summary>
    public static MigratedHashInput Create(string hashType, string hash, string? configName, JsonObject? config)
    {
        if (configName is null || config is null || config.Count == 0)
        {
            return new MigratedHashInput(hashType, hash);
        }

        var wire = new JsonObject { ["hash_type"] = hashType, ["hash"] = hash, [configName] = config.DeepClone() };
        return HashConfigTable.ToInput(wire.Deserialize(GodwitJsonContext.Default.MigratedHashWire)!);
    }
}
