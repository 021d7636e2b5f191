using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Users;

namespace Godwit.Core.Legacy;

/// <summary>
/// Reads a legacy hook's answer under the strict contract of docs/migration.md: only status 200 with
/// a JSON object whose <c>match</c> is the boolean <c>true</c> is a match, and only <c>false</c> is a
/// non-match. Anything else (another status, a body that is not JSON, a missing or non-boolean
/// <c>match</c>, a profile field of the wrong type) is a failure, so a broken hook can never log
/// anybody in or be mistaken for a wrong password.
/// </summary>
public static class LegacyHookAnswer
{
    /// <summary>Largest answer read; a profile is a few hundred bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    private const int MaxNameLength = 1024;

    /// <param name="requireEmail">True for the session hook, whose match must name the person's email.</param>
    public static LegacyVerdict Read(int statusCode, ReadOnlySpan<byte> body, bool requireEmail)
    {
        if (statusCode != 200)
        {
            return LegacyVerdict.Failure($"answered status {statusCode}, not 200");
        }

        if (body.Length > MaxBytes)
        {
            return LegacyVerdict.Failure($"answered more than {MaxBytes} bytes");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return LegacyVerdict.Failure("answered a body that is not JSON");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return LegacyVerdict.Failure("answered JSON that is not an object");
        }

        if (!root.TryGetProperty("match", out var match) || match.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return LegacyVerdict.Failure("answered without a boolean \"match\"");
        }

        return match.ValueKind == JsonValueKind.False ? LegacyVerdict.NotMatched : ReadMatch(root, requireEmail);
    }

    private static LegacyVerdict ReadMatch(JsonElement root, bool requireEmail)
    {
        string? email = null;
        if (requireEmail)
        {
            if (Field(root, "email") is not { ValueKind: JsonValueKind.String } given || !EmailAddress.TryNormalize(given.GetString(), out email))
            {
                return LegacyVerdict.Failure("matched without a valid \"email\"");
            }
        }

        var verified = Field(root, "email_verified") switch
        {
            null => false,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => (bool?)null,
        };
        if (verified is null)
        {
            return LegacyVerdict.Failure("\"email_verified\" is not a boolean");
        }

        PersonName? name = null;
        if (Field(root, "name") is { } nameField)
        {
            if (nameField.ValueKind != JsonValueKind.Object)
            {
                return LegacyVerdict.Failure("\"name\" is not an object");
            }

            var parts = new string?[3];
            string[] names = ["first_name", "middle_name", "last_name"];
            for (var i = 0; i < names.Length; i++)
            {
                switch (Field(nameField, names[i]))
                {
                    case null:
                        break;
                    case { ValueKind: JsonValueKind.String } part when part.GetString()!.Length <= MaxNameLength:
                        parts[i] = part.GetString();
                        break;
                    default:
                        return LegacyVerdict.Failure($"\"name.{names[i]}\" is not a string of at most {MaxNameLength} characters");
                }
            }

            name = new PersonName(parts[0], parts[1], parts[2]);
        }

        string? externalId = null;
        if (Field(root, "external_id") is { } external)
        {
            if (external.ValueKind != JsonValueKind.String || !UserService.IsValidExternalId(external.GetString()!))
            {
                return LegacyVerdict.Failure("\"external_id\" is not 1 to 128 printable characters without spaces");
            }

            externalId = external.GetString();
        }

        if (!TryMetadata(root, "trusted_metadata", out var trusted) || !TryMetadata(root, "untrusted_metadata", out var untrusted))
        {
            return LegacyVerdict.Failure("a metadata field is not a JSON object of at most 4096 bytes");
        }

        return LegacyVerdict.Matched(new LegacyProfile(verified.Value, name, externalId, trusted, untrusted), email);
    }

    private static bool TryMetadata(JsonElement root, string name, out JsonObject? metadata)
    {
        metadata = null;
        switch (Field(root, name))
        {
            case null:
                return true;
            case { ValueKind: JsonValueKind.Object } value:
                metadata = JsonObject.Create(value);
                return Metadata.FitsLimit(Metadata.FromCreate(metadata));
            default:
                return false;
        }
    }

    /// <summary>A field's value; absent and JSON null both mean "not given".</summary>
    private static JsonElement? Field(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
