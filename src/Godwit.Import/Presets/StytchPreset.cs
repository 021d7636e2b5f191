using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>
/// Stytch user objects (Search Users results, Get User responses) as JSON Lines or a JSON array:
/// every email and phone number with its verified state, the first of each as the user's first, and
/// the linked provider accounts (<c>providers</c>).
/// Stytch exports no password hashes.
/// </summary>
internal sealed class StytchPreset : IExportPreset
{
    public static PresetDefinition Definition { get; } = new(
        "stytch",
        "Stytch user objects (Search Users results) as JSON Lines or a JSON array; every email and phone number.",
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
        var emails = Addresses(record, fields, "emails", "email");
        var phones = Addresses(record, fields, "phone_numbers", "phone_number");
        var name = record.Node("name") as JsonObject;
        if (name is null && record.Node("name") is not null)
        {
            fields.Fail("name is not an object.");
        }

        return fields.Finish(new ImportUser(
            record.Line,
            fields.Required("user_id"),
            emails.FirstOrDefault()?.Value,
            emails.FirstOrDefault()?.Verified ?? false,
            phones.FirstOrDefault()?.Value,
            phones.FirstOrDefault()?.Verified ?? false)
        {
            MoreEmails = [.. emails.Skip(1)],
            MorePhoneNumbers = [.. phones.Skip(1)],
            FirstName = Text(name, "first_name"),
            MiddleName = Text(name, "middle_name"),
            LastName = Text(name, "last_name"),
            TrustedMetadata = fields.Object("trusted_metadata"),
            UntrustedMetadata = fields.Object("untrusted_metadata"),
            CreatedAt = fields.Timestamp("created_at"),
            // The user's own providers entries, already in Stytch's spelling.
            OAuthIdentities = LinkedIdentities.Read(fields, "providers", provider =>
                new ImportedOAuthIdentity(LinkedIdentities.Text(provider["provider_type"]) ?? "", LinkedIdentities.Subject(provider["provider_subject"]))
                {
                    ProfilePictureUrl = LinkedIdentities.Text(provider["profile_picture_url"]),
                    Locale = LinkedIdentities.Text(provider["locale"]),
                }),
        });
    }

    /// <summary>The list's addresses in order, those without a value left out.</summary>
    private static List<ImportedAddress> Addresses(JsonRecord record, FieldReader fields, string list, string field)
    {
        switch (record.Node(list))
        {
            case null:
                return [];
            case JsonArray entries when entries.All(entry => entry is JsonObject):
                return [.. entries.Cast<JsonObject>()
                    .Select(entry => Text(entry, field) is { } value ? new ImportedAddress(value, Verified(entry)) : null)
                    .OfType<ImportedAddress>()];
            default:
                fields.Fail($"{list} is not an array of objects.");
                return [];
        }
    }

    private static string? Text(JsonObject? parent, string field) =>
        parent?[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;

    private static bool Verified(JsonObject? entry) => entry?["verified"] is JsonValue value && value.TryGetValue<bool>(out var verified) && verified;
}
