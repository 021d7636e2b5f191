using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Godwit.Storage.Sqlite;

/// <summary>The embedded default: one SQLite file in WAL mode.</summary>
public sealed class SqliteGodwitDbContext(DbContextOptions<SqliteGodwitDbContext> options) : GodwitDbContext(options)
{
    /// <summary>One gate per database file: SQLite lets one writer in at a time.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    /// <summary>Set while <see cref="InWriteTransactionAsync"/> holds the gate, in its flow only.</summary>
    private static readonly AsyncLocal<bool> HoldsWriteGate = new();

    /// <summary>
    /// Saves one writer at a time within this process. SQLite admits a single writer; the others
    /// would otherwise wait in its busy handler, which sleeps in steps of up to 100 ms and so hands
    /// the lock on late (32 concurrent sign-ups ran at 65 a second that way). Writers in other
    /// processes still meet the busy timeout.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (HoldsWriteGate.Value)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Finding what changed needs no lock: do it before the gate, so the single writer's turn is shorter.
        ChangeTracker.DetectChanges();
        var detects = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        var gate = WriteGate();
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            gate.Release();
            ChangeTracker.AutoDetectChangesEnabled = detects;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var gate = WriteGate();
        gate.Wait();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Holds the write gate for the whole transaction; saves inside it pass the gate they already hold.</summary>
    public override async Task InWriteTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var gate = WriteGate();
        await gate.WaitAsync(cancellationToken);
        HoldsWriteGate.Value = true;
        try
        {
            await base.InWriteTransactionAsync(work, cancellationToken);
        }
        finally
        {
            HoldsWriteGate.Value = false;
            gate.Release();
        }
    }

    private SemaphoreSlim WriteGate() => WriteGates.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));

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
