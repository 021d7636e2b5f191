using System.Text.Json;
using System.Text.Json.Nodes;

namespace Godwit.Import.Reading;

/// <summary>
/// One record of an export, whatever the file format: named fields and the line it is reported by
/// (see each reader for what the line counts).
/// </summary>
internal abstract class ExportRecord(long line)
{
    public long Line { get; } = line;

    /// <summary>How far into the file the reader had got when it gave this record, in bytes: the import's progress.</summary>
    public long End { get; init; }

    public abstract bool Has(string field);

    /// <summary>
    /// The field as text: a JSON string as it is, another JSON scalar as its JSON text, an object or
    /// array as compact JSON; null when the field is absent or JSON null.
    /// </summary>
    public abstract string? Text(string field);

    /// <summary>The field as JSON; a CSV value is a JSON string.</summary>
    public abstract JsonNode? Node(string field);
}

/// <summary>A record of a JSON export: one object.</summary>
internal sealed class JsonRecord(long line, JsonObject fields) : ExportRecord(line)
{
    public JsonObject Fields { get; } = fields;

    /// <summary>Where the record starts in the file, in bytes (JSON Lines only; 0 otherwise).</summary>
    public long Offset { get; init; }

    public override bool Has(string field) => Fields.ContainsKey(field);

    public override string? Text(string field) => Fields[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    public override JsonNode? Node(string field) => Fields[field];
}

/// <summary>A record whose values are all text: a CSV row under its header, or Cognito's attributes.</summary>
internal sealed class TextRecord(long line, IReadOnlyDictionary<string, string> fields) : ExportRecord(line)
{
    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    public override bool Has(string field) => Fields.ContainsKey(field);

    public override string? Text(string field) => Fields.GetValueOrDefault(field);

    public override JsonNode? Node(string field) => Fields.TryGetValue(field, out var value) ? JsonValue.Create(value) : null;
}
