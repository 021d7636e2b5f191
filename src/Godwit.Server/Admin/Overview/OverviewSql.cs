using System.Data.Common;
using System.Globalization;
using Godwit.Storage;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Server.Admin.Overview;

/// <summary>
/// The two dialects the overview's aggregate queries need: a day of <c>occurred_at</c> and a field of
/// the JSON payload. Everything else is the same SQL on SQLite and PostgreSQL, and every query
/// groups in the database, so the console never loads rows per user.
/// </summary>
internal sealed class OverviewSql(GodwitDbContext db)
{
    private readonly bool postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    public string Day => postgres ? "to_char(occurred_at, 'YYYY-MM-DD')" : "substr(occurred_at, 1, 10)";

    public string Field(string key) => postgres ? $"(payload::jsonb ->> '{key}')" : $"json_extract(payload, '$.{key}')";

    public string Number(string key) => postgres ? $"(payload::jsonb ->> '{key}')::float8" : $"json_extract(payload, '$.{key}')";

    /// <summary>Runs <paramref name="sql"/>, where <c>@since</c> is the window's start, and reads each row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, DateTime since, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@since";
            // SQLite keeps times as text in EF Core's format, which compares in time order.
            parameter.Value = postgres ? DateTime.SpecifyKind(since, DateTimeKind.Utc) : since.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    public static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? "" : Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture)!;

    public static long Long(DbDataReader reader, int column) => reader.IsDBNull(column) ? 0 : Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);

    public static double Double(DbDataReader reader, int column) => reader.IsDBNull(column) ? 0 : Convert.ToDouble(reader.GetValue(column), CultureInfo.InvariantCulture);
}
