namespace Godwit.Import.Reading;

/// <summary>
/// The part of a stream a JSON reader is looking at: it grows only as far as one record needs, so a
/// file of millions of users is read with a buffer the size of its largest record.
/// </summary>
internal sealed class ByteWindow(Stream stream)
{
    /// <summary>No user record comes near this; a file that needs more is not in the format it claims (an unclosed string, say).</summary>
    public const int MaxRecordBytes = 8 * 1024 * 1024;

    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool started;

    /// <summary>The bytes read and not yet consumed.</summary>
    public ReadOnlySpan<byte> Data => buffer.AsSpan(start, end - start);

    /// <summary>Where <see cref="Data"/> starts in the stream, in bytes (a byte order mark counts).</summary>
    public long Offset { get; private set; }

    /// <summary>The stream has ended: <see cref="Data"/> is all there is.</summary>
    public bool Exhausted { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, end - start);
        start += count;
        Offset += count;
    }

    /// <summary>Reads more after <see cref="Data"/>; <paramref name="line"/> names the record that needs it if it grows too large.</summary>
    public async ValueTask FillAsync(long line, CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxRecordBytes)
            {
                throw new ImportFormatException(line, $"a record is longer than {MaxRecordBytes / (1024 * 1024)} MiB; the file is not in the expected format.");
            }

            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxRecordBytes));
        }

        do
        {
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            end += read;
            Exhausted = read == 0;
        }
        while (!started && end < 3 && !Exhausted);

        if (!started)
        {
            started = true;
            if (Data.StartsWith("\uFEFF"u8))
            {
                Advance(3);
            }
        }
    }

    /// <summary>Opens a file for one forward pass.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
