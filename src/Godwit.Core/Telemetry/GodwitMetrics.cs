using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Godwit.Core.Telemetry;

/// <summary>
/// Godwit's own instruments, all on one meter named <see cref="MeterName"/>. With nothing listening
/// (no exporter configured, no dotnet-counters attached) an instrument is a disabled no-op, so the
/// callers check <see cref="Instrument.Enabled"/> before building tags. Tag values are short words
/// from a closed set (a factor, an error_type, a hook name), never an id, an email or a phone number.
/// </summary>
public sealed class GodwitMetrics
{
    public const string MeterName = "Godwit";

    // Hooks answer in milliseconds to seconds; the default buckets (0–10,000) suit milliseconds, not seconds.
    private static readonly double[] HookSecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> logins;
    private readonly Counter<long> migrations;
    private readonly Counter<long> sessionsCreated;
    private readonly Counter<long> usersCreated;
    private readonly Counter<long> importRows;
    private readonly Histogram<double> legacyHookDuration;

    public GodwitMetrics(IMeterFactory meters)
        : this(meters.Create(MeterName))
    {
    }

    /// <summary>For a process without dependency injection (<c>godwit import</c>): the meter is the caller's.</summary>
    public GodwitMetrics(Meter meter)
    {
        Meter = meter;
        logins = meter.CreateCounter<long>("godwit.logins", "{login}", "Logins by factor and outcome (succeeded, failed with the error_type as reason).");
        migrations = meter.CreateCounter<long>("godwit.migrations", "{report}", "Rolling-migration outcomes reported by applications, by path.");
        sessionsCreated = meter.CreateCounter<long>("godwit.sessions.created", "{session}", "Sessions started.");
        usersCreated = meter.CreateCounter<long>("godwit.users.created", "{user}", "Users created, by source (api or import).");
        importRows = meter.CreateCounter<long>("godwit.import.rows", "{row}", "Rows of godwit import committed, by outcome (created, updated, skipped, failed).");
        legacyHookDuration = meter.CreateHistogram(
            "godwit.legacy_hook.duration", "s", "Time the legacy system took to answer, by hook and outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HookSecondsBuckets });
    }

    /// <summary>The meter, for observable gauges whose sources live outside Core (circuit breakers, the webhook queue).</summary>
    public Meter Meter { get; }

    public void Login(string factor, string outcome, string? reason)
    {
        if (logins.Enabled)
        {
            var tags = new TagList { { "factor", factor }, { "outcome", outcome } };
            if (reason is not null)
            {
                tags.Add("reason", reason);
            }

            logins.Add(1, tags);
        }
    }

    public void Migration(string path)
    {
        if (migrations.Enabled)
        {
            migrations.Add(1, new KeyValuePair<string, object?>("path", path));
        }
    }

    public void SessionCreated() => sessionsCreated.Add(1);

    public void UserCreated(string source)
    {
        if (usersCreated.Enabled)
        {
            usersCreated.Add(1, new KeyValuePair<string, object?>("source", source));
        }
    }

    public void ImportRows(string outcome, long rows)
    {
        if (rows > 0 && importRows.Enabled)
        {
            importRows.Add(rows, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void LegacyHookAnswered(string hook, string outcome, TimeSpan elapsed)
    {
        if (legacyHookDuration.Enabled)
        {
            legacyHookDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("hook", hook), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
