namespace Godwit.Import.Reading;

/// <summary>
/// The text under the CSV splitter, counting what one step of it reads. Sep grows its buffer until a
/// row ends, so a quote never closed would have it read the rest of the file into one row; this
/// stops it once a single row has taken more than any user record could.
/// </summary>
internal sealed class RecordLengthLimit(TextReader inner, int maxChars) : TextReader
{
    private long read;

    /// <summary>The physical line the next record starts on, named by the error.</summary>
    public long NextLine { get; private set; } = 1;

    /// <summary>A row ended: the next one starts counting from nothing.</summary>
    public void RowEnded(long nextLine)
    {
        read = 0;
        NextLine = nextLine;
    }

    public override int Read(Span<char> buffer) => Count(inner.Read(buffer));

    public override int Read(char[] buffer, int index, int count) => Count(inner.Read(buffer, index, count));

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        Count(c < 0 ? 0 : 1);
        return c;
    }

    private int Count(int chars)
    {
        read += chars;
        // Twice the limit: what Sep reads ahead of a row's end belongs to the rows after it.
        if (read > 2L * maxChars)
        {
            throw new ImportFormatException(NextLine, $"a record is longer than {maxChars} characters; is a quote never closed?");
        }

        return chars;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
