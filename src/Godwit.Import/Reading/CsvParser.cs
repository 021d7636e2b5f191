using System.Text;

namespace Godwit.Import.Reading;

/// <summary>One CSV record: its fields, and the physical line (1-based) where it starts.</summary>
internal sealed record CsvRow(long Line, string[] Fields);

/// <summary>
/// RFC 4180, fed in chunks: fields separated by commas, records by CRLF, LF or CR; a field in double
/// quotes may hold commas, line breaks and doubled quotes. Blank lines between records are skipped.
/// Anything else RFC 4180 forbids (a quote inside an unquoted field, text after a closing quote, a
/// quote never closed) is a format error: guessing would shift every later field.
/// </summary>
internal sealed class CsvParser
{
    /// <summary>No user record comes near this; a longer one is almost always a quote never closed.</summary>
    public const int MaxRecordChars = 1024 * 1024;

    private readonly List<string> fields = [];
    private readonly StringBuilder field = new();
    private State state = State.FieldStart;
    private bool inRecord;
    private bool lastWasCr;
    private long line = 1;
    private long recordLine;
    private int recordChars;

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    /// <summary>The physical line (1-based) the parser has reached.</summary>
    public long Line => line;

    public void Feed(ReadOnlySpan<char> text, List<CsvRow> rows)
    {
        foreach (var c in text)
        {
            Take(c, rows);
            if (c == '\r' || (c == '\n' && !lastWasCr))
            {
                line++;
            }

            lastWasCr = c == '\r';
        }
    }

    /// <summary>The end of the file: completes the last record, which needs no line break.</summary>
    public void End(List<CsvRow> rows)
    {
        switch (state)
        {
            case State.Quoted:
                throw new ImportFormatException(recordLine, "a quoted field is never closed.");
            case State.Unquoted or State.QuoteInQuoted:
                EndField();
                EndRecord(rows);
                break;
            case State.FieldStart when inRecord:
                EndField();
                EndRecord(rows);
                break;
        }
    }

    private void Take(char c, List<CsvRow> rows)
    {
        var lineBreak = c is '\r' or '\n';
        if (!inRecord)
        {
            if (lineBreak)
            {
                return;
            }

            inRecord = true;
            recordLine = line;
        }

        if (++recordChars > MaxRecordChars)
        {
            throw new ImportFormatException(recordLine, $"a record is longer than {MaxRecordChars} characters; is a quote never closed?");
        }

        switch (state)
        {
            case State.FieldStart when c == '"':
                state = State.Quoted;
                break;
            case State.FieldStart or State.Unquoted when c == ',':
                EndField();
                break;
            case State.FieldStart or State.Unquoted when lineBreak:
                EndField();
                EndRecord(rows);
                break;
            case State.FieldStart or State.Unquoted when c == '"':
                throw new ImportFormatException(line, "a double quote inside an unquoted field; RFC 4180 wants the whole field quoted and the quote doubled.");
            case State.FieldStart or State.Unquoted:
                field.Append(c);
                state = State.Unquoted;
                break;
            case State.Quoted when c == '"':
                state = State.QuoteInQuoted;
                break;
            case State.Quoted:
                field.Append(c);
                break;
            case State.QuoteInQuoted when c == '"':
                field.Append('"');
                state = State.Quoted;
                break;
            case State.QuoteInQuoted when c == ',':
                EndField();
                break;
            case State.QuoteInQuoted when lineBreak:
                EndField();
                EndRecord(rows);
                break;
            case State.QuoteInQuoted:
                throw new ImportFormatException(line, $"'{c}' after a closing quote; a quoted field ends at a comma or a line break.");
        }
    }

    private void EndField()
    {
        fields.Add(field.ToString());
        field.Clear();
        state = State.FieldStart;
    }

    private void EndRecord(List<CsvRow> rows)
    {
        rows.Add(new CsvRow(recordLine, [.. fields]));
        fields.Clear();
        inRecord = false;
        recordChars = 0;
    }
}
