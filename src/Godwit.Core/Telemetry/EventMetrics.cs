using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Events;

namespace Godwit.Core.Telemetry;

/// <summary>
/// Counts logins, migrations, sessions and new users from the events as they are recorded, so the
/// numbers come from the one place that already knows them (the payload conventions of docs/events.md).
/// </summary>
public sealed class EventMetrics(GodwitMetrics metrics) : IEventObserver
{
    /// <summary>Longer values are not words of a closed set: they would make a label per distinct value.</summary>
    private const int MaxLabelLength = 48;

    public void Recorded(GodwitEvent recorded, JsonObject? payload)
    {
        switch (recorded.Type)
        {
            case EventTypes.LoginSucceeded:
                metrics.Login(Label(payload, "factor"), "succeeded", reason: null);
                break;
            case EventTypes.LoginFailed:
                metrics.Login(Label(payload, "factor"), "failed", Label(payload, "reason"));
                break;
            case EventTypes.MigrationReported:
                metrics.Migration(Label(payload, "path"));
                break;
            case EventTypes.SessionCreated:
                metrics.SessionCreated();
                break;
            case EventTypes.UserCreated:
                metrics.UserCreated("api");
                break;
            case EventTypes.UserImported:
                metrics.UserCreated("import");
                break;
        }
    }

    /// <summary>
    /// The payload's word for <paramref name="key"/>: "none" when absent, "other" when it is not a short
    /// lowercase word. A migration report's path comes from an application, and a label per made-up
    /// value would grow the metrics without bound.
    /// </summary>
    internal static string Label(JsonObject? payload, string key)
    {
        if (payload?[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return "none";
        }

        var text = value.GetValue<string>();
        return text.Length is > 0 and <= MaxLabelLength && text.All(IsWordCharacter) ? text : "other";
    }

    private static bool IsWordCharacter(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-';
}
