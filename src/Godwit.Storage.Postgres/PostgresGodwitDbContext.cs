using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Godwit.Storage.Postgres;

/// <summary>Production storage: several Godwit processes may share one PostgreSQL database.</summary>
public sealed class PostgresGodwitDbContext(DbContextOptions<PostgresGodwitDbContext> options) : GodwitDbContext(options)
{
    public override string? UniqueViolationTable(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres ? postgres.TableName : null;
}
