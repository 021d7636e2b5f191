using System.Globalization;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>
/// Reads a record's fields as presets need them: text trimmed (an empty value is no value), flags,
/// dates and JSON objects. The first field that cannot be read is remembered, so the preset builds the
/// user and then refuses the whole record naming that field.
/// </summary>
internal sealed class FieldReader(ExportRecord record)
{
    private string? errorType;
    private string? problem;

    public long Line => record.Line;

    public ExportRecord Record => record;

    /// <summary>Text values that stand for "no value" (SQL Server Management Studio writes NULL into its CSV files).</summary>
    public IReadOnlyCollection<string> NullTexts { get; init; } = [];

    public string? Text(string field)
    {
        var text = record.Text(field)?.Trim();
        return string.IsNullOrEmpty(text) || NullTexts.Contains(text) ? null : text;
    }

    public string? Required(string field) => Text(field) ?? Fail<string>($"{field} is missing.");

    /// <summary>A flag the export attests: JSON true/false, or true/false, 1/0, t/f (PostgreSQL) in any case. Absent is false.</summary>
    public bool Flag(string field)
    {
        var text = Text(field);
        return text?.ToUpperInvariant() switch
        {
            null => false,
            "TRUE" or "1" or "T" => true,
            "FALSE" or "0" or "F" => false,
            _ => Fail<bool>($"{field} '{text}' is not true or false."),
        };
    }

    /// <summary>An ISO 8601 / RFC 3339 time (PostgreSQL's <c>2024-01-15 10:20:30.5+00</c> too); without an offset it is UTC.</summary>
    public DateTime? Timestamp(string field)
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : Fail<DateTime?>($"{field} '{text}' is not a date and time.");
    }

    /// <summary>Seconds (fractions allowed) or milliseconds since the Unix epoch, given as a number or as text.</summary>
    public DateTime? UnixTime(string field, bool milliseconds)
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number > (milliseconds ? 253_402_300_799_999m : 253_402_300_799m))
        {
            return Fail<DateTime?>($"{field} '{text}' is not a Unix time in {(milliseconds ? "milliseconds" : "seconds")}.");
        }

        var ms = (long)(milliseconds ? number : number * 1000);
        return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
    }

    /// <summary>A JSON object, given as one or as JSON text (a CSV cell, a string property); null and "" are no object.</summary>
    public JsonObject? Object(string field)
    {
        switch (record.Node(field))
        {
            case null:
                return null;
            case JsonObject value:
                return value.DeepClone().AsObject();
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                var text = Text(field);
                if (text is null)
                {
                    return null;
                }

                var parsed = JsonText.TryParse(text, out var reason);
                return parsed as JsonObject ?? Fail<JsonObject>(reason is null ? $"{field} is not a JSON object." : $"{field} is not valid JSON: {reason}");
            default:
                return Fail<JsonObject>($"{field} is not a JSON object.");
        }
    }

    /// <summary>Remembers the record's first problem; <paramref name="refusal"/> is invalid_record unless told.</summary>
    public T? Fail<T>(string message, ApiError? refusal = null)
    {
        if (problem is null)
        {
            problem = message;
            errorType = (refusal ?? ErrorCatalog.InvalidImportRecord).ErrorType;
        }

        return default;
    }

    public void Fail(string message, ApiError? refusal = null) => Fail<object>(message, refusal);

    /// <summary>The user, or the refusal of the first field that could not be read.</summary>
    public ImportRow Finish(ImportUser user) =>
        problem is null
            ? new ImportRow.Read(user) { End = record.End }
            : new ImportRow.Refused(record.Line, user.LegacyId, errorType!, problem) { End = record.End };
}
