using System.Text.Json.Nodes;

namespace Godwit.Core.Events;

/// <summary>
/// Told of every event as <see cref="EventLog.Record"/> records it, before it is saved: metrics
/// count logins and migrations here. An observer must be cheap and must not throw; it sees the
/// event a failed save would discard, so what it counts may run ahead of the log by that.
/// </summary>
public interface IEventObserver
{
    void Recorded(GodwitEvent recorded, JsonObject? payload);
}
