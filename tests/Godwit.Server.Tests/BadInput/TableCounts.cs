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
        var tables = db.Model.GetEntityTypes().Select(type => type.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        var rows = new Dictionary<string, long>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                // Table names come from the model, not from input; quoted for both SQLite and PostgreSQL.
#pragma warning disable CA2100
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
#pragma warning restore CA2100
                rows[table] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new TableCounts(rows);
    }

    /// <summary>The tables whose row count differs, as <c>table: before → after</c>; empty when none does.</summary>
    public IReadOnlyList<string> ChangesTo(TableCounts after) => Rows
        .Where(table => after.Rows.GetValueOrDefault(table.Key) != table.Value)
        .Select(table => $"{table.Key}: {table.Value} → {after.Rows.GetValueOrDefault(table.Key)}")
        .ToList();
}
