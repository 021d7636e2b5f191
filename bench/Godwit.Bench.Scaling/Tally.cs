using System.Collections.Concurrent;

namespace Godwit.Bench.Scaling;

/// <summary>Requests, their latencies, and the answers that were wrong, with a few of them kept to show.</summary>
internal sealed class Tally
{
    private readonly ConcurrentQueue<double> latencies = new();
    private readonly ConcurrentQueue<string> samples = new();
    private readonly ConcurrentDictionary<string, int> wrong = new(StringComparer.Ordinal);
    private long requests;

    public long Requests => Interlocked.Read(ref requests);

    public int Wrong => wrong.Values.Sum();

    public IReadOnlyDictionary<string, int> WrongByCheck => wrong;

    public IEnumerable<string> Samples => samples;

    public void Request(TimeSpan latency)
    {
        Interlocked.Increment(ref requests);
        latencies.Enqueue(latency.TotalMilliseconds);
    }

    /// <summary>Counts a wrong answer to <paramref name="check"/>; returns false, for use in conditions.</summary>
    public bool Fail(string check, string detail)
    {
        wrong.AddOrUpdate(check, 1, (_, n) => n + 1);
        if (samples.Count < 10)
        {
            samples.Enqueue($"{check}: {detail}");
        }

        return false;
    }

    public double LatencyPercentile(double p)
    {
        var sorted = latencies.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
