using System.Text.Json;
using System.Text.Json.Serialization;

namespace Godwit.Import;

/// <summary>
/// How far an import got: the last line whose outcome is recorded, the counts so far and how long
/// the errors and results files were at that moment. Written after the batch it describes is
/// committed and those files are flushed to disk, and replaced atomically, so after a crash at any
/// instant it describes a state that really happened. Rows after it are read again; the ones that
/// had reached the database in the lost moment are matched by external_id or email, not duplicated.
/// </summary>
public sealed record ImportCheckpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Identifies the input, so a checkpoint is never applied to a different file.</summary>
    public required string Input { get; init; }

    public long Line { get; init; }

    /// <summary>Bytes of the input read up to <see cref="Line"/>: the share done is this over the file's size.</summary>
    public long Position { get; init; }

    /// <summary>Every row of the input is recorded: running the same import again has nothing to do.</summary>
    public bool Finished { get; init; }

    public long ErrorsBytes { get; init; }

    public long ResultsBytes { get; init; }

    public ImportCounts Counts { get; init; } = new();

    public Dictionary<string, long> HashTypes { get; init; } = [];

    /// <summary>Path, size and last write of the input file.</summary>
    public static string Describe(string path)
    {
        var file = new FileInfo(path);
        return $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc:O}";
    }

    /// <summary>The checkpoint for this input, or null when there is none (or it belongs to another file).</summary>
    public static ImportCheckpoint? Load(string statePath, string input)
    {
        if (!File.Exists(statePath))
        {
            return null;
        }

        var loaded = JsonSerializer.Deserialize<ImportCheckpoint>(File.ReadAllText(statePath), Json);
        return loaded?.Input == input ? loaded : null;
    }

    /// <summary>Writes to a temporary file, flushes it to disk, then renames it over the old one.</summary>
    public void Save(string statePath)
    {
        var temporary = statePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, statePath, overwrite: true);
    }
}

/// <summary>What became of the rows read so far; the four add up to the rows read.</summary>
public sealed record ImportCounts
{
    public long Created { get; init; }

    public long Updated { get; init; }

    /// <summary>Matched an existing user by external_id or email and left unchanged.</summary>
    public long Skipped { get; init; }

    public long Failed { get; init; }

    /// <summary>TOTP secrets stored with the users created (<c>--import-totp</c>).</summary>
    public long TotpsImported { get; init; }

    /// <summary>TOTP secrets the export carried that were not imported.</summary>
    public long TotpsDropped { get; init; }

    /// <summary>Linked social accounts stored with the users created.</summary>
    public long IdentitiesLinked { get; init; }

    /// <summary>Linked social accounts the target could not store (Stytch's API has no way to create them).</summary>
    public long IdentitiesDropped { get; init; }

    [JsonIgnore]
    public long Read => Created + Updated + Skipped + Failed;
}
