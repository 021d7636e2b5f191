using System.Text.Json;
using System.Text.Json.Nodes;

namespace Godwit.Core.Users;

/// <summary>User metadata: JSON objects merged at the top level, where a null value deletes a key.</summary>
public static class Metadata
{
    public const int MaxBytes = 4096;

    /// <summary>Applies an update to stored metadata text and returns the new text.</summary>
    public static string Merge(string stored, JsonObject update)
    {
        var merged = JsonNode.Parse(stored)!.AsObject();
        foreach (var (key, value) in update)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value.DeepClone();
            }
        }

        return merged.ToJsonString();
    }

    /// <summary>The stored form of metadata given at creation, where nulls are simply absent.</summary>
    public static string FromCreate(JsonObject? given) => given is null ? "{}" : Merge("{}", given);

    public static bool FitsLimit(string json) => System.Text.Encoding.UTF8.GetByteCount(json) <= MaxBytes;

    public static JsonElement Parse(string stored)
    {
        using var document = JsonDocument.Parse(stored);
        return document.RootElement.Clone();
    }
}
