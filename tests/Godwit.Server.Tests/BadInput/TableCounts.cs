using Godwit.Core.Events;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.BadInput;

/// <summary>
/// The number of rows in every table of Godwit's model (users, sessions, one-time secrets and all
/// the rest), so the sweep can tell that a refused request left the database as it was. The event
/// log is counted apart: a refused attempt is itself an event (a failed login, a legacy hook asked,
/// an import that failed every row), so only events that describe a change count.
/// </summary>
internal sealed record TableCounts(IReadOnlyDictionary<string, long> Rows)
{
    private static readonly string[] AttemptEvents =
        [EventTypes.LoginFailed, EventTypes.LegacyHookCalled, EventTypes.ImportStarted, EventTypes.ImportFinished];

    public static async Task<TableCounts> ReadAsync(GodwitHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        var tables = db.Model.GetEntityTypes().Select(type => type.GetTableName()).OfType<string>()
            .Where(table => table is not ("events" or "event_outbox")).Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            // One statement for every table, as the sweep counts after each request to some routes.
            // Table names come from the model, not from input; quoted for SQLite and PostgreSQL alike.
#pragma warning disable CA2100
            command.CommandText = "SELECT " + string.Join(", ", tables.Select(table => $"(SELECT COUNT(*) FROM \"{table}\")"))
                + $", (SELECT COUNT(*) FROM events WHERE type NOT IN ({string.Join(", ", AttemptEvents.Select(type => $"'{type}'"))}))";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var rows = tables.Select((table, i) => (table, reader.GetInt64(i))).ToDictionary(pair => pair.table, pair => pair.Item2);
            rows["events of changes"] = reader.GetInt64(tables.Count);
            return new TableCounts(rows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The tables whose row count differs, as <c>table: before → after</c>; empty when none does.</summary>
    public IReadOnlyList<string> ChangesTo(TableCounts after) => Rows
        .Where(table => after.Rows.GetValueOrDefault(table.Key) != table.Value)
        .Select(table => $"{table.Key}: {table.Value} → {after.Rows.GetValueOrDefault(table.Key)}")
        .ToList();
}
