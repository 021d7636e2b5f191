using System.Threading.RateLimiting;

namespace Godwit.Server.RateLimiting;

/// <summary>
/// A token bucket holding a minute's worth of requests and refilling evenly: n a minute is n/g
/// tokens every 60/g seconds, with g = gcd(n, 60), so the rate is exact and a refused client is told
/// to come back when the next tokens arrive (one second for any multiple of 60), not at the end of a
/// minute-long window.
/// </summary>
internal static class PerMinuteBucket
{
    public static TokenBucketRateLimiter Create(int perMinute)
    {
        var step = Gcd(perMinute, 60);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute / step,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60 / step),
            QueueLimit = 0,
            // The partitioned limiter that owns each bucket refills them all from one timer.
            AutoReplenishment = false,
        });
    }

    /// <summary>The wait a refusal carries; at least a second, since Retry-After counts whole seconds.</summary>
    public static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
