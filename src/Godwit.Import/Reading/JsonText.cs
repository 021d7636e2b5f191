using System.Text.Json;
using System.Text.Json.Nodes;

namespace Godwit.Import.Reading;

/// <summary>Parses one record's JSON the same way in every reader.</summary>
internal static class JsonText
{
    // A record with two "email" keys would be read differently by different tools (first wins,
    // last wins); refusing it is the only reading that cannot pick the wrong one.
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Parses UTF-8 JSON; a syntax error becomes an <see cref="ImportFormatException"/> at <paramref name="line"/>.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, long line)
    {
        try
        {
            return JsonNode.Parse(utf8, documentOptions: Options);
        }
        catch (JsonException exception)
        {
            throw new ImportFormatException(line + (exception.LineNumber ?? 0), $"is not valid JSON: {Describe(exception)}");
        }
    }

    /// <summary>Parses JSON given as text inside a record (a CSV cell, a JSON string); null when it is not valid JSON.</summary>
    public static JsonNode? TryParse(string text, out string? problem)
    {
        try
        {
            problem = null;
            return JsonNode.Parse(text, documentOptions: Options);
        }
        catch (JsonException exception)
        {
            problem = Describe(exception);
            return null;
        }
    }

    /// <summary>The parser's message with its position counted from 1, as editors count, instead of from 0.</summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" | LineNumber:", StringComparison.Ordinal);
        message = cut >= 0 ? message[..cut] : message;
        return exception.BytePositionInLine is { } column ? $"{message} (byte {column + 1} of the line)" : message;
    }
}
