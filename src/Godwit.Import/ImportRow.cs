using Godwit.Core.Users.Creation;

namespace Godwit.Import;

/// <summary>What a preset makes of one record of the export: a user, or the reason the record was refused.</summary>
public abstract record ImportRow(long Line)
{
    /// <summary>How far into the export, in bytes, the reading had got at this row: what progress is measured in.</summary>
    public long End { get; init; }

    // Where the reader was is not part of what the row says: two rows are the same row without it.
    public virtual bool Equals(ImportRow? other) =>
        ReferenceEquals(this, other) || (other is not null && EqualityContract == other.EqualityContract && Line == other.Line);

    public override int GetHashCode() => HashCode.Combine(EqualityContract, Line);

    public sealed record Read(ImportUser User) : ImportRow(User.Line);

    /// <summary>A record that cannot become a user; the field names the part of the record at fault.</summary>
    public sealed record Refused(long Line, string? LegacyId, string ErrorType, string Message) : ImportRow(Line);
}

/// <summary>
/// The file is not what the preset expects (not JSON Lines, not a Firebase export...): the import
/// stops at once, naming the line, rather than refusing every row.
/// </summary>
public sealed class ImportFormatException(long line, string message) : Exception($"Line {line}: {message}")
{
    public long Line { get; } = line;
}
