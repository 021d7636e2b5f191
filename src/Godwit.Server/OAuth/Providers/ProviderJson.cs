using System.Globalization;
using System.Text.Json;

namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// Reads fields of a provider's JSON answer without trusting its shape: a field of the wrong type
/// reads as absent, never as an exception, so that a provider changing its API fails one login
/// with an error rather than with a crash.
/// </summary>
internal static class ProviderJson
{
    // Longer than any name, URL or id a provider sends; anything longer is not what it claims to be.
    public const int MaxTextLength = 2048;

    /// <summary>A non-empty string field, or null when it is absent, not a string, or absurdly long.</summary>
    public static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object
        && json.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 and <= MaxTextLength } text
            ? text
            : null;

    /// <summary>An id sent as a string or as a non-negative integer (GitHub's numeric ids), as text.</summary>
    public static string? Id(JsonElement json, string name)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) && number >= 0 => number.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.String => Text(json, name) is { Length: <= 255 } text && !text.Any(char.IsWhiteSpace) ? text : null,
            _ => null,
        };
    }

    /// <summary>True only for JSON <c>true</c> or the string <c>"true"</c> (Apple sends both forms of <c>email_verified</c>).</summary>
    public static bool IsTrue(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object
        && json.TryGetProperty(name, out var value)
        && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>True only for JSON <c>true</c>: a flag of another type does not count.</summary>
    public static bool Flag(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static long? Integer(JsonElement json, string name)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    /// <summary>A nested object field, or an undefined element when absent or of another type.</summary>
    public static JsonElement Object(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    /// <summary>An <c>https</c> URL field (a profile picture), or null: a picture URL ends up in a page's <c>img</c>.</summary>
    public static string? HttpsUrl(JsonElement json, string name) =>
        Text(json, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? text : null;

    /// <summary>Parses a whole answer; null when it is not JSON.</summary>
    public static JsonElement? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
