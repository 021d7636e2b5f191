using System.Net;
using System.Threading.RateLimiting;
using Godwit.Core.Errors;

namespace Godwit.Server.RateLimiting;

/// <summary>
/// Counts failed Basic-auth attempts per client address, so the project secret cannot be guessed
/// online. Once an address has spent its budget, every API request from it is refused with 429
/// before its credential is looked at, the right one too: were a right guess let through, the
/// answer would tell the guesser which guess was right. Other addresses are unaffected.
/// </summary>
internal sealed partial class FailedAuthenticationThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress>? failures;
    private readonly int perMinute;
    private readonly ILogger<FailedAuthenticationThrottle> logger;

    public FailedAuthenticationThrottle(RateLimitOptions options, ILogger<FailedAuthenticationThrottle> logger)
    {
        perMinute = options.FailedAuthenticationsPerIp;
        this.logger = logger;
        if (options.Enabled && perMinute > 0)
        {
            var limit = perMinute;
            Func<IPAddress, RateLimiter> bucket = _ => PerMinuteBucket.Create(limit);
            failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.Get(address, bucket));
        }
    }

    public void Dispose() => failures?.Dispose();

    /// <summary>The 429 for a client address that has no failures left, or null.</summary>
    public ApiError? Refusal(HttpContext context)
    {
        if (failures is null)
        {
            return null;
        }

        // The bucket refills continuously, so asking for zero permits would succeed as soon as a
        // fraction of a failure had dripped back: a right guess would then be served while wrong
        // ones were refused, and the answer would tell them apart. Only a whole failure left lets
        // a request be looked at.
        var address = ClientAddress.Of(context);
        if (failures.GetStatistics(address) is not { CurrentAvailablePermits: < 1 })
        {
            return null;
        }

        // Asking for one permit is refused here and says when one comes back; should one have come
        // back in between, it is spent, as the failure this request might be.
        using var lease = failures.AttemptAcquire(address, 1);
        return lease.IsAcquired ? null : ErrorCatalog.TooManyRequests.WithRetryAfter(PerMinuteBucket.RetryAfter(lease));
    }

    /// <summary>Counts a failed attempt: null while the address has failures left, else the 429.</summary>
    public ApiError? CountFailure(HttpContext context)
    {
        if (failures is null)
        {
            return null;
        }

        var address = ClientAddress.Of(context);
        using var lease = failures.AttemptAcquire(address, 1);
        if (!lease.IsAcquired)
        {
            return ErrorCatalog.TooManyRequests.WithRetryAfter(PerMinuteBucket.RetryAfter(lease));
        }

        if (failures.GetStatistics(address)?.CurrentAvailablePermits == 0)
        {
            LogBudgetSpent(logger, address, perMinute);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ClientAddress} has used up its {Limit} Basic-auth failures a minute; its API requests are refused until the budget refills.")]
    private static partial void LogBudgetSpent(ILogger logger, IPAddress clientAddress, int limit);
}
