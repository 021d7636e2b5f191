using System.Threading.RateLimiting;

namespace Godwit.Migration.Backfill;

/// <summary>
/// Spaces out API calls to at most a rate a second: tokens are added every tenth of a second (or once
/// per request, below ten a second), and the bucket holds no more than one such portion, so a pause
/// never turns into a burst.
/// </summary>
internal sealed class RequestPacer : IDisposable
{
    private readonly TokenBucketRateLimiter? bucket;

    public RequestPacer(double requestsPerSecond)
    {
        if (double.IsPositiveInfinity(requestsPerSecond))
        {
            return;
        }

        var (tokens, period) = requestsPerSecond >= 10
            ? ((int)Math.Max(1, Math.Floor(requestsPerSecond / 10)), TimeSpan.FromSeconds(Math.Max(1, Math.Floor(requestsPerSecond / 10)) / requestsPerSecond))
            : (1, TimeSpan.FromSeconds(1 / requestsPerSecond));
        bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>No pacing: for a single call such as a dual write.</summary>
    public static RequestPacer Unlimited { get; } = new(double.PositiveInfinity);

    /// <summary>Waits for the next request's turn.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (bucket is not null)
        {
            using var lease = await bucket.AcquireAsync(1, cancellationToken);
        }
    }

    public void Dispose() => bucket?.Dispose();
}
