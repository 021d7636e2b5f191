using Godwit.Storage;
using Godwit.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.BadInput;

/// <summary>
/// The number of rows in every table of Godwit's model (users, sessions, one-time secrets and all
/// the rest), so the sweep can tell that a refused request left the database as it was.
/// </summary>
internal sealed record TableCounts(IReadOnlyDictionary<string, long> Rows)
{
    public static async Task<TableCounts> ReadAsync(GodwitHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        var tables = db.Model.GetEntityTypes().Select(type => type.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            // One statement for every table, as the sweep counts after each request to some routes.
            // Table names come from the model, not from input; quoted for SQLite and PostgreSQL alike.
#pragma warning disable CA2100
            command.CommandText = "SELECT " + string.Join(", ", tables.Select(table => $"(SELECT COUNT(*) FROM \"{table}\")"));
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new TableCounts(tables.Select((table, i) => (table, reader.GetInt64(i))).ToDictionary(pair => pair.table, pair => pair.Item2));
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
