using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Godwit.Storage.Sqlite;

/// <summary>
/// Per-connection settings. WAL lets readers proceed while one writer commits; synchronous=NORMAL
/// in WAL mode survives an application crash and syncs at checkpoints, trading the last commits
/// before a power loss for write throughput.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
