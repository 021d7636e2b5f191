using System.Text.Json.Nodes;
using Godwit.Core.Events;

namespace Godwit.Core.Users;

/// <summary><c>import.started</c> and <c>import.finished</c>: one pair per import run or API import request.</summary>
public static class ImportEvents
{
    public static string NewImportId() => PrefixedId.New("import-live-");

    public static void RecordStarted(this EventLog events, string importId, string source, string target, string? errorsFile) =>
        events.Record(EventTypes.ImportStarted, null, new JsonObject
        {
            ["import_id"] = importId,
            ["source"] = source,
            ["target"] = target,
            ["errors_file"] = errorsFile,
        });

    /// <summary><paramref name="imported"/> counts the users created or updated; each has its <c>user.imported</c>.</summary>
    public static void RecordFinished(this EventLog events, string importId, string source, string target, long rows, long imported, long skipped, long failed, string? errorsFile) =>
        events.Record(EventTypes.ImportFinished, null, new JsonObject
        {
            ["import_id"] = importId,
            ["source"] = source,
            ["target"] = target,
            ["rows"] = rows,
            ["imported"] = imported,
            ["skipped"] = skipped,
            ["failed"] = failed,
            ["errors_file"] = errorsFile,
        });
}
