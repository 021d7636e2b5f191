namespace Godwit.Import;

/// <summary>
/// How far a run has got and how fast it goes, for its progress display. The share done is measured
/// in bytes of the export, the one unit every format has: a JSON array's records are numbered by
/// position, and a minified one is a single line.
/// </summary>
/// <param name="inputBytes">The export's size.</param>
/// <param name="rowsBefore">Rows an earlier run of the same import already read: the rate counts only this run's.</param>
public sealed class ImportPace(long inputBytes, long rowsBefore, TimeProvider? clock = null)
{
    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly long started = (clock ?? TimeProvider.System).GetTimestamp();

    /// <summary>The export's size, the whole of what <see cref="BytesDone"/> counts towards.</summary>
    public long InputBytes => Math.Max(inputBytes, 1);

    public long BytesDone(ImportCheckpoint state) => Math.Clamp(state.Position, 0, InputBytes);

    /// <summary>From 0 to 1.</summary>
    public double Share(ImportCheckpoint state) => (double)BytesDone(state) / InputBytes;

    /// <summary>
    /// Rows this run read per second of its real elapsed time, from its start: the rows an earlier
    /// run read are not this run's, and the rows of the first report took time too.
    /// </summary>
    public double RowsPerSecond(ImportCheckpoint state) =>
        Math.Max(state.Counts.Read - rowsBefore, 0) / Math.Max(time.GetElapsedTime(started).TotalSeconds, 0.001);
}
