using System.Data.Common;
using System.Text;
using Godwit.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Godwit.Storage.Events;

/// <summary>
/// The events a scope recorded and no save has written yet. They are written by the context's next
/// save, in its transaction, as one statement with their outbox rows: as tracked entities each
/// event and outbox row cost a command of their own inside SQLite's single-writer section, which
/// took a third off the sign-up rate.
/// </summary>
internal sealed class PendingEvents
{
    private const string EventColumns = "event_id, type, occurred_at, user_id, actor_type, actor_id, ip_address, user_agent, payload";
    private const int ColumnsPerEvent = 9;

    // Keeps a statement's parameters far below SQLite's limit of 32,766 (a revoke-all can record thousands).
    private const int EventsPerStatement = 500;

    private List<GodwitEvent> pending = [];

    public int Count => pending.Count;

    public void Add(GodwitEvent recorded) => pending.Add(recorded);

    /// <summary>Hands the pending events to one save; a save that fails drops them with its change.</summary>
    public IReadOnlyList<GodwitEvent> Take()
    {
        var taken = pending;
        pending = [];
        return taken;
    }

    /// <summary>Inserts <paramref name="events"/> and their outbox rows in the context's open transaction.</summary>
    public static async Task InsertAsync(DatabaseFacade database, IReadOnlyList<GodwitEvent> events, CancellationToken cancellationToken)
    {
        foreach (var chunk in events.Chunk(EventsPerStatement))
        {
            await InsertChunkAsync(database, chunk, cancellationToken);
        }
    }

    private static async Task InsertChunkAsync(DatabaseFacade database, GodwitEvent[] events, CancellationToken cancellationToken)
    {
        await using var command = database.GetDbConnection().CreateCommand();
        command.Transaction = database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Events are inserted only inside the save's transaction.");
        var sql = new StringBuilder("INSERT INTO events (").Append(EventColumns).Append(") VALUES ");
        for (var i = 0; i < events.Length; i++)
        {
            var recorded = events[i];
            sql.Append(i == 0 ? "(" : ", (");
            AppendParameters(command, sql, i, recorded.EventId, recorded.Type, recorded.OccurredAt, recorded.UserId, recorded.ActorType, recorded.ActorId, recorded.IpAddress, recorded.UserAgent, recorded.Payload);
            sql.Append(')');
        }

        sql.Append("; INSERT INTO event_outbox (event_id, occurred_at) VALUES ");
        for (var i = 0; i < events.Length; i++)
        {
            // The outbox row repeats the event's own parameters rather than binding them twice.
            sql.Append(i == 0 ? "(" : ", (").Append(Name(i, 0)).Append(", ").Append(Name(i, 2)).Append(')');
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AppendParameters(DbCommand command, StringBuilder sql, int row, params ReadOnlySpan<object?> values)
    {
        for (var column = 0; column < values.Length; column++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Name(row, column);
            parameter.Value = values[column] ?? DBNull.Value;
            command.Parameters.Add(parameter);
            sql.Append(column == 0 ? "" : ", ").Append(parameter.ParameterName);
        }
    }

    private static string Name(int row, int column) => $"@e{(row * ColumnsPerEvent) + column}";
}
