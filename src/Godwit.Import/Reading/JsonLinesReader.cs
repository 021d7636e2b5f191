using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Godwit.Import.Reading;

/// <summary>
/// Reads JSON Lines: one object per line, blank lines skipped. A record's line is its physical line
/// (1-based), which is also what an editor shows.
/// </summary>
internal static class JsonLinesReader
{
    public static async IAsyncEnumerable<JsonRecord> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = ByteWindow.OpenRead(path);
        await foreach (var record in ReadAsync(stream, cancellationToken))
        {
            yield return record;
        }
    }

    public static async IAsyncEnumerable<JsonRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var window = new ByteWindow(stream);
        long line = 0;
        await window.FillAsync(1, cancellationToken);
        while (true)
        {
            var newline = window.Data.IndexOf((byte)'\n');
            if (newline < 0 && !window.Exhausted)
            {
                await window.FillAsync(line + 1, cancellationToken);
                continue;
            }

            if (newline < 0 && window.Data.IsEmpty)
            {
                yield break;
            }

            line++;
            var length = newline < 0 ? window.Data.Length : newline;
            var offset = window.Offset;
            var fields = Parse(window.Data[..length], line);
            window.Advance(newline < 0 ? length : length + 1);
            if (fields is not null)
            {
                yield return new JsonRecord(line, fields) { Offset = offset, End = window.Offset };
            }
        }
    }

    /// <summary>The object on one line, or null for a blank line.</summary>
    public static JsonObject? Parse(ReadOnlySpan<byte> text, long line)
    {
        text = text.TrimEnd("\r"u8);
        if (text.Trim(" \t\r"u8).IsEmpty)
        {
            return null;
        }

        var node = JsonText.Parse(text, line);
        return node as JsonObject ?? throw new ImportFormatException(
            line, $"is a JSON {Kind(node)}, not an object; a JSON Lines export holds one object per line.");
    }

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
