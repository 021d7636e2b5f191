namespace Godwit.Import.Reading;

/// <summary>A known export format: reads its records, in file order, into <see cref="ImportRow"/>s.</summary>
public interface IExportPreset
{
    /// <summary>The name given to <c>godwit import --preset</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Reads every record. A record that cannot become a user is yielded as
    /// <see cref="ImportRow.Refused"/> and reading goes on; a file that is not in this format at all
    /// throws <see cref="ImportFormatException"/>.
    /// </summary>
    IAsyncEnumerable<ImportRow> ReadAsync(string path, CancellationToken cancellationToken);
}
