using System.Globalization;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Server.Admin.Overview;

internal sealed record DailyCount(string Day, string Series, long Count);

internal sealed record HashShare(string HashType, long ActiveUsers, long AllUsers)
{
    public bool IsLegacy => HashType != HashTypes.Argon2id;
}

internal sealed record HookCalls(string Hook, string Outcome, long Calls, double AverageMs, double MaxMs);

internal sealed record ImportRun(DateTime StartedAt, string ImportId, string Source, DateTime? FinishedAt, long Rows, long Imported, long Skipped, long Failed);

internal sealed record MigrationOverview(
    DateTime Since,
    IReadOnlyList<string> Days,
    long TotalUsers,
    IReadOnlyList<DailyCount> Arrivals,
    IReadOnlyList<DailyCount> Logins,
    IReadOnlyList<DailyCount> Upgrades,
    IReadOnlyList<DailyCount> HookCallsPerDay,
    IReadOnlyList<HashShare> Hashes,
    long ActiveUsersWithPassword,
    IReadOnlyList<HookCalls> Hooks,
    IReadOnlyList<ImportRun> Imports,
    long ImportedUsers,
    long UnseenSinceImport);

/// <summary>
/// The migration as the event log and the password table tell it, over the last
/// <see cref="WindowDays"/> days. Each figure is one aggregate query: the events' time index bounds
/// the daily series to the window, and the event retention bounds the import figures.
/// </summary>
internal sealed class MigrationOverviewQuery(OverviewSql sql, TimeProvider clock)
{
    public const int WindowDays = 30;

    public async Task<MigrationOverview> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var since = today.AddDays(-(WindowDays - 1));
        var days = Enumerable.Range(0, WindowDays).Select(i => since.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var via = sql.Field("via");
        var outcome = sql.Field("outcome");

        var arrivals = await DailyAsync($"""
            SELECT {sql.Day}, CASE
                WHEN type = 'user.imported' OR {via} = 'password_migration' THEN 'imported'
                WHEN type = 'migration.reported' THEN 'linked by the app'
                WHEN {via} IN ('legacy_password_hook', 'legacy_user_lookup') THEN 'legacy password hook'
                WHEN {via} = 'session_migration' THEN 'session migration'
                WHEN {via} = 'oauth' THEN 'OAuth'
                ELSE 'signed up new' END AS series, COUNT(*)
            FROM events
            WHERE occurred_at >= @since
              AND (type = 'user.created' OR (type = 'user.imported' AND {outcome} = 'created') OR (type = 'migration.reported' AND {outcome} = 'linked'))
            GROUP BY 1, 2
            """, since, cancellationToken);
        var logins = await DailyAsync(
            $"SELECT {sql.Day}, {sql.Field("factor")}, COUNT(*) FROM events WHERE occurred_at >= @since AND type = 'login.succeeded' GROUP BY 1, 2", since, cancellationToken);
        var upgrades = await DailyAsync(
            $"SELECT {sql.Day}, {sql.Field("from_hash_type")}, COUNT(*) FROM events WHERE occurred_at >= @since AND type = 'password.upgraded' GROUP BY 1, 2", since, cancellationToken);
        var hookDays = await DailyAsync(
            $"SELECT {sql.Day}, {outcome}, COUNT(*) FROM events WHERE occurred_at >= @since AND type = 'legacy_hook.called' GROUP BY 1, 2", since, cancellationToken);

        var hooks = await sql.QueryAsync(
            $"SELECT {sql.Field("hook")}, {outcome}, COUNT(*), AVG({sql.Number("latency_ms")}), MAX({sql.Number("latency_ms")}) FROM events WHERE occurred_at >= @since AND type = 'legacy_hook.called' GROUP BY 1, 2",
            since, r => new HookCalls(OverviewSql.Text(r, 0), OverviewSql.Text(r, 1), OverviewSql.Long(r, 2), OverviewSql.Double(r, 3), OverviewSql.Double(r, 4)), cancellationToken);

        var active = await sql.QueryAsync("""
            SELECT p.hash_type, COUNT(*) FROM user_passwords p
            WHERE p.user_id IN (SELECT user_id FROM events WHERE occurred_at >= @since AND type = 'login.succeeded' AND user_id IS NOT NULL)
            GROUP BY p.hash_type
            """, since, r => (Type: OverviewSql.Text(r, 0), Count: OverviewSql.Long(r, 1)), cancellationToken);
        var all = await sql.QueryAsync("SELECT hash_type, COUNT(*) FROM user_passwords GROUP BY hash_type", since, r => (Type: OverviewSql.Text(r, 0), Count: OverviewSql.Long(r, 1)), cancellationToken);
        var hashes = all.Select(a => new HashShare(a.Type, active.FirstOrDefault(x => x.Type == a.Type).Count, a.Count))
            .OrderByDescending(h => h.ActiveUsers).ThenByDescending(h => h.AllUsers).ToList();

        var totalUsers = (await sql.QueryAsync("SELECT COUNT(*) FROM users", since, r => OverviewSql.Long(r, 0), cancellationToken))[0];
        var imported = (await sql.QueryAsync(
            $"SELECT COUNT(DISTINCT user_id) FROM events WHERE type = 'user.imported' AND {outcome} = 'created'", since, r => OverviewSql.Long(r, 0), cancellationToken))[0];
        // Seen = a login after the import; the (user_id, occurred_at) index answers each probe.
        var unseen = (await sql.QueryAsync($"""
            SELECT COUNT(DISTINCT i.user_id) FROM events i
            WHERE i.type = 'user.imported' AND {sql.Field("outcome").Replace("payload", "i.payload", StringComparison.Ordinal)} = 'created'
              AND EXISTS (SELECT 1 FROM users u WHERE u.user_id = i.user_id)
              AND NOT EXISTS (SELECT 1 FROM events l WHERE l.user_id = i.user_id AND l.occurred_at >= i.occurred_at AND l.type = 'login.succeeded')
            """, since, r => OverviewSql.Long(r, 0), cancellationToken))[0];

        return new MigrationOverview(since, days, totalUsers, arrivals, logins, upgrades, hookDays, hashes, active.Sum(a => a.Count), hooks, await ImportsAsync(since, cancellationToken), imported, unseen);
    }

    private Task<List<DailyCount>> DailyAsync(string query, DateTime since, CancellationToken cancellationToken) =>
        sql.QueryAsync(query, since, r => new DailyCount(OverviewSql.Text(r, 0), OverviewSql.Text(r, 1) is { Length: > 0 } series ? series : "unknown", OverviewSql.Long(r, 2)), cancellationToken);

    private async Task<List<ImportRun>> ImportsAsync(DateTime since, CancellationToken cancellationToken)
    {
        var id = sql.Field("import_id");
        var rows = await sql.QueryAsync($"""
            SELECT {id}, type, occurred_at, {sql.Field("source")}, {sql.Number("rows")}, {sql.Number("imported")}, {sql.Number("skipped")}, {sql.Number("failed")}
            FROM events WHERE occurred_at >= @since AND type IN ('import.started', 'import.finished')
            ORDER BY occurred_at DESC
            """, since.AddDays(-(EventWindowForImports - WindowDays)),
            r => (Id: OverviewSql.Text(r, 0), Type: OverviewSql.Text(r, 1), At: Convert.ToDateTime(r.GetValue(2), CultureInfo.InvariantCulture), Source: OverviewSql.Text(r, 3),
                Rows: OverviewSql.Long(r, 4), Imported: OverviewSql.Long(r, 5), Skipped: OverviewSql.Long(r, 6), Failed: OverviewSql.Long(r, 7)),
            cancellationToken);
        return rows.Where(r => r.Type == "import.started").Take(20).Select(started =>
        {
            var finished = rows.FirstOrDefault(r => r.Type == "import.finished" && r.Id == started.Id);
            return new ImportRun(started.At, started.Id, started.Source, finished.Id is null ? null : finished.At, finished.Rows, finished.Imported, finished.Skipped, finished.Failed);
        }).ToList();
    }

    /// <summary>Imports are rarer than logins: the list looks back further than the charts.</summary>
    private const int EventWindowForImports = 90;
}
