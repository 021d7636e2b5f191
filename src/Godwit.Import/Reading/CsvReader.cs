using System.Runtime.CompilerServices;
using System.Text;
using nietras.SeparatedValues;

namespace Godwit.Import.Reading;

/// <summary>
/// Reads a CSV export with a header row into header → value records, with Sep splitting the rows:
/// RFC 4180, fields separated by commas, records by CRLF, LF or CR; a field in double quotes may hold
/// commas, line breaks and doubled quotes. Blank lines between records are skipped. A record's line
/// is the physical line (1-based) where it starts; a quoted field can span lines, so later records
/// may skip numbers.
/// </summary>
/// <remarks>
/// Sep reads leniently; what RFC 4180 forbids (a quote inside an unquoted field, text after a
/// closing quote, a quote never closed) is checked here and is a format error: guessing would shift
/// every later field.
/// </remarks>
internal static class CsvReader
{
    /// <summary>No user record comes near this; a longer one is almost always a quote never closed.</summary>
    public const int MaxRecordChars = 1024 * 1024;

    private static readonly SepReaderOptions Options = Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        Unescape = true,
        DisableColCountCheck = true,
    });

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
        using var text = new RecordLengthLimit(
            new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false),
            MaxRecordChars);
        using var reader = await OpenAsync(text, cancellationToken);
        string[]? header = null;
        Dictionary<string, int>? columns = null;
        long line = 1;
        while (await NextAsync(reader, line, cancellationToken))
        {
            var values = Take(reader.Current, ref line, header);
            text.RowEnded(reader.Current.LineNumberToExcl);
            if (values is null)
            {
                continue;
            }

            if (header is null)
            {
                header = values.Select(name => name.Trim()).ToArray();
                columns = Columns(header, line);
                continue;
            }

            var fields = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            foreach (var (name, index) in columns!)
            {
                fields[name] = values[index];
            }

            // Bytes handed to the decoder so far: ahead of this record by at most the read buffers.
            yield return new TextRecord(line, fields) { End = stream.CanSeek ? stream.Position : 0 };
        }

        if (header is null)
        {
            throw new ImportFormatException(1, "the file is empty; a CSV export starts with a header row.");
        }
    }

    /// <summary>A row's values, checked against RFC 4180 and the header; null for a blank line.</summary>
    private static string[]? Take(SepReader.Row row, ref long line, string[]? header)
    {
        // Sep numbers its first row's lines from 2; that row starts on line 1 whatever it holds.
        line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
        var raw = row.Span;
        if (raw.IsEmpty)
        {
            return null;
        }

        if (raw.Length > MaxRecordChars)
        {
            throw new ImportFormatException(line, $"a record is longer than {MaxRecordChars} characters; is a quote never closed?");
        }

        if (raw.Contains('"'))
        {
            CheckQuotes(raw, line);
        }

        if (header is not null && row.ColCount != header.Length)
        {
            throw new ImportFormatException(line, $"the record has {row.ColCount} fields but the header has {header.Length}.");
        }

        var values = new string[row.ColCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = row[i].ToString();
        }

        return values;
    }

    /// <summary>Where the quotes of a record break RFC 4180, as a format error naming the physical line.</summary>
    private static void CheckQuotes(ReadOnlySpan<char> raw, long line)
    {
        var start = line;
        var fieldStart = true;
        var quoted = false;
        var closed = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\r' || (c == '\n' && (i == 0 || raw[i - 1] != '\r')))
            {
                line++;
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < raw.Length && raw[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        (quoted, closed) = (false, true);
                    }
                }
            }
            else if (c == ',')
            {
                (fieldStart, closed) = (true, false);
            }
            else if (closed)
            {
                throw new ImportFormatException(line, $"'{c}' after a closing quote; a quoted field ends at a comma or a line break.");
            }
            else if (c == '"' && fieldStart)
            {
                (quoted, fieldStart) = (true, false);
            }
            else if (c == '"')
            {
                throw new ImportFormatException(line, "a double quote inside an unquoted field; RFC 4180 wants the whole field quoted and the quote doubled.");
            }
            else
            {
                fieldStart = false;
            }
        }

        if (quoted)
        {
            throw new ImportFormatException(start, "a quoted field is never closed.");
        }
    }

    // Sep reads ahead as it opens and as it moves: bytes that are not UTF-8 can fail either.
    private static async ValueTask<SepReader> OpenAsync(TextReader text, CancellationToken cancellationToken)
    {
        try
        {
            return await Options.FromAsync(text, cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(1);
        }
    }

    private static async ValueTask<bool> NextAsync(SepReader reader, long line, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.MoveNextAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(line);
        }
    }

    private static ImportFormatException NotUtf8(long line) => new(line, "the file is not valid UTF-8; save the export as UTF-8.");

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
