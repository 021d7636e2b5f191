using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>
/// Stytch user objects (Search Users results, Get User responses) as JSON Lines or a JSON array. A
/// Godwit user has one email and one phone number, so the first of each is kept; Stytch exports no
/// password hashes.
/// </summary>
internal sealed class StytchPreset : IExportPreset
{
    public static PresetDefinition Definition { get; } = new(
        "stytch",
        "Stytch user objects (Search Users results) as JSON Lines or a JSON array; first email and phone number.",
        [],
        _ => new StytchPreset());

    public string Name => Definition.Name;

    public async IAsyncEnumerable<ImportRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kind = await ExportFile.SniffAsync(path, cancellationToken);
        var records = kind == ExportFileKind.JsonArray
            ? JsonArrayReader.ReadAsync(path, null, cancellationToken)
            : JsonLinesReader.ReadAsync(path, cancellationToken);
        await foreach (var record in records)
        {
            yield return Map(record);
        }
    }

    private static ImportRow Map(JsonRecord record)
    {
        var fields = new FieldReader(record);
        var email = First(record, fields, "emails");
        var phone = First(record, fields, "phone_numbers");
        var name = record.Node("name") as JsonObject;
        if (name is null && record.Node("name") is not null)
        {
            fields.Fail("name is not an object.");
        }

        return fields.Finish(new ImportUser(
            record.Line,
            fields.Required("user_id"),
            Text(email, "email"),
            Verified(email),
            Text(phone, "phone_number"),
            Verified(phone))
        {
            FirstName = Text(name, "first_name"),
            MiddleName = Text(name, "middle_name"),
            LastName = Text(name, "last_name"),
            TrustedMetadata = fields.Object("trusted_metadata"),
            UntrustedMetadata = fields.Object("untrusted_metadata"),
            CreatedAt = fields.Timestamp("created_at"),
        });
    }

    private static JsonObject? First(JsonRecord record, FieldReader fields, string field)
    {
        switch (record.Node(field))
        {
            case null:
                return null;
            case JsonArray { Count: 0 }:
                return null;
            case JsonArray list when list[0] is JsonObject first:
                return first;
            default:
                return fields.Fail<JsonObject>($"{field} is not an array of objects.");
        }
    }

    private static string? Text(JsonObject? parent, string field) =>
        parent?[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;

    private static bool Verified(JsonObject? entry) => entry?["verified"] is JsonValue value && value.TryGetValue<bool>(out var verified) && verified;
}
