namespace Godwit.Cli.Import;

/// <summary>The size of an export in lines, the unit every reader numbers its records in.</summary>
internal static class InputSize
{
    public static long CountLines(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        var endsWithNewline = true;
        while ((read = file.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            lines += chunk.Count((byte)'\n');
            endsWithNewline = chunk[^1] == (byte)'\n';
        }

        return endsWithNewline ? lines : lines + 1;
    }
}
