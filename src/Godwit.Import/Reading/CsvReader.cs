using System.Runtime.CompilerServices;
using System.Text;

namespace Godwit.Import.Reading;

/// <summary>
/// Reads a CSV export with a header row into header → value records. A record's line is the physical
/// line (1-based) where it starts; a quoted field can span lines, so later records may skip numbers.
/// </summary>
internal static class CsvReader
{
    public static async IAsyncEnumerable<TextRecord> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = ByteWindow.OpenRead(path);
        await foreach (var record in ReadAsync(stream, cancellationToken))
        {
            yield return record;
        }
    }

    public static async IAsyncEnumerable<TextRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // UTF-8 only, its byte order mark skipped (Excel writes one); invalid bytes throw rather than become U+FFFD.
        using var text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        var parser = new CsvParser();
        var buffer = new char[16 * 1024];
        var rows = new List<CsvRow>();
        string[]? header = null;
        Dictionary<string, int>? columns = null;
        var ended = false;
        while (!ended)
        {
            int read;
            try
            {
                read = await text.ReadAsync(buffer, cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                throw new ImportFormatException(parser.Line, "the file is not valid UTF-8; save the export as UTF-8.");
            }

            if (read == 0)
            {
                parser.End(rows);
                ended = true;
            }
            else
            {
                parser.Feed(buffer.AsSpan(0, read), rows);
            }

            foreach (var row in rows)
            {
                if (header is null)
                {
                    header = row.Fields.Select(name => name.Trim()).ToArray();
                    columns = Columns(header, row.Line);
                    continue;
                }

                if (row.Fields.Length != header.Length)
                {
                    throw new ImportFormatException(row.Line, $"the record has {row.Fields.Length} fields but the header has {header.Length}.");
                }

                var values = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
                foreach (var (name, index) in columns!)
                {
                    values[name] = row.Fields[index];
                }

                yield return new TextRecord(row.Line, values);
            }

            rows.Clear();
        }

        if (header is null)
        {
            throw new ImportFormatException(1, "the file is empty; a CSV export starts with a header row.");
        }
    }

    private static Dictionary<string, int> Columns(string[] header, long line)
    {
        var columns = new Dictionary<string, int>(header.Length, StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                throw new ImportFormatException(line, $"column {i + 1} of the header has no name.");
            }

            if (!columns.TryAdd(header[i], i))
            {
                throw new ImportFormatException(line, $"the header names column \"{header[i]}\" twice.");
            }
        }

        return columns;
    }
}
