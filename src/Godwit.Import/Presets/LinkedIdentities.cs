using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>
/// Reads the linked social accounts an export lists for a person (Auth0's <c>identities</c>,
/// Firebase's <c>providerUserInfo</c>, Supabase's <c>auth.identities</c>, Cognito's
/// <c>identities</c> attribute): a JSON array of objects, given as one or as JSON text (a CSV cell,
/// a Cognito attribute). Each preset maps an entry to an identity, or to null for an entry that is
/// no social account (a password, a phone number).
/// </summary>
internal static class LinkedIdentities
{
    public static IReadOnlyList<ImportedOAuthIdentity> Read(FieldReader fields, string field, Func<JsonObject, ImportedOAuthIdentity?> map)
    {
        var node = fields.Record.Node(field);
        if (node is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var value = text.GetValue<string>().Trim();
            if (value.Length == 0)
            {
                return [];
            }

            node = JsonText.TryParse(value, out var reason);
            if (node is null)
            {
                fields.Fail(reason is null ? $"{field} is not a JSON array." : $"{field} is not valid JSON: {reason}");
                return [];
            }
        }

        switch (node)
        {
            case null:
                return [];
            case JsonArray entries when entries.All(entry => entry is JsonObject):
                return [.. entries.Cast<JsonObject>().Select(map).OfType<ImportedOAuthIdentity>()];
            default:
                fields.Fail($"{field} is not an array of objects.");
                return [];
        }
    }

    /// <summary>
    /// A provider's id for the person as text: a string as it is, a whole number (GitHub's ids, which
    /// Auth0 keeps as numbers) as its digits; anything else as empty, which validation refuses.
    /// </summary>
    public static string Subject(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) =>
            number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim().Length > 0 ? value.GetValue<string>().Trim() : null;
}
