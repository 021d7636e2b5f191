using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Godwit.Storage.Sqlite;

/// <summary>The embedded default: one SQLite file in WAL mode.</summary>
public sealed class SqliteGodwitDbContext(DbContextOptions<SqliteGodwitDbContext> options) : GodwitDbContext(options)
{
    public override string? UniqueViolationTable(DbUpdateException exception)
    {
        // SQLite reports "UNIQUE constraint failed: <table>.<column>" with extended code 2067.
        if (exception.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 } sqlite)
        {
            var detail = sqlite.Message[(sqlite.Message.IndexOf(':', sqlite.Message.IndexOf("failed", StringComparison.Ordinal)) + 1)..].Trim().TrimEnd('.', '\'');
            return detail.Split('.')[0];
        }

        return null;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no time zone: every instant Godwit stores is UTC, so read it back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
