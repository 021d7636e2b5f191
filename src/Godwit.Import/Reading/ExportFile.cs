namespace Godwit.Import.Reading;

/// <summary>The kinds of file a preset can tell apart by their first character.</summary>
internal enum ExportFileKind
{
    /// <summary>Starts with <c>[</c>.</summary>
    JsonArray,

    /// <summary>Starts with <c>{</c>: JSON Lines, or one JSON object wrapping an array.</summary>
    JsonObject,

    /// <summary>Anything else: CSV, for the presets that read it.</summary>
    Text,

    /// <summary>Nothing but white space.</summary>
    Empty,
}

internal static class ExportFile
{
    /// <summary>Looks at the first character that is not white space (after a byte order mark).</summary>
    public static async Task<ExportFileKind> SniffAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = ByteWindow.OpenRead(path);
        var window = new ByteWindow(stream);
        do
        {
            await window.FillAsync(1, cancellationToken);
            var first = window.Data.IndexOfAnyExcept(" \t\r\n"u8);
            if (first >= 0)
            {
                return window.Data[first] switch
                {
                    (byte)'[' => ExportFileKind.JsonArray,
                    (byte)'{' => ExportFileKind.JsonObject,
                    _ => ExportFileKind.Text,
                };
            }

            window.Advance(window.Data.Length);
        }
        while (!window.Exhausted);

        return ExportFileKind.Empty;
    }

    /// <summary>
    /// Records of a file that may be JSON Lines, a JSON array or CSV, told apart by
    /// <see cref="SniffAsync"/>. An empty file has no records.
    /// </summary>
    public static async IAsyncEnumerable<ExportRecord> ReadAnyAsync(
        string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kind = await SniffAsync(path, cancellationToken);
        var records = kind switch
        {
            ExportFileKind.JsonArray => (IAsyncEnumerable<ExportRecord>)JsonArrayReader.ReadAsync(path, null, cancellationToken),
            ExportFileKind.JsonObject => JsonLinesReader.ReadAsync(path, cancellationToken),
            ExportFileKind.Text => CsvReader.ReadAsync(path, cancellationToken),
            _ => AsyncEnumerable.Empty<ExportRecord>(),
        };
        await foreach (var record in records)
        {
            yield return record;
        }
    }
}
