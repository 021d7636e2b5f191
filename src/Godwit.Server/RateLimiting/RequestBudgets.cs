using System.Net;
using System.Threading.RateLimiting;
using Godwit.Server.Http;

namespace Godwit.Server.RateLimiting;

/// <summary>
/// The budget each request draws from, as ASP.NET Core's global rate limiter. A request to the API
/// with a verified project credential draws from its project's budget for the endpoint family;
/// everything else (the JWKS, health, unknown paths, API calls with a missing or wrong credential)
/// from its client address's budget. Verifying before choosing is what keeps a stranger who knows
/// the project id, which is public (the JWT audience, the JWKS path), from spending the project's
/// budget with wrong secrets.
/// </summary>
internal sealed class RequestBudgets : IDisposable
{
    private const string PublicBudget = "public";

    private readonly RateLimitOptions options;
    private readonly ProjectAuthentication authentication;

    public RequestBudgets(RateLimitOptions options, ProjectAuthentication authentication)
    {
        this.options = options;
        this.authentication = authentication;
        Limiter = PartitionedRateLimiter.Create<HttpContext, BudgetKey>(Partition);
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public void Dispose() => Limiter.Dispose();

    private RateLimitPartition<BudgetKey> Partition(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/v1/sessions/jwks", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/v1/public", StringComparison.OrdinalIgnoreCase)
            && authentication.IsAuthorized(context))
        {
            var family = ApiFamilies.Of(path);
            return Bucket(new BudgetKey(family.Name, family.PerMinute(options.Api), authentication.ProjectId, null));
        }

        return Bucket(new BudgetKey(PublicBudget, options.PublicPerIp, null, ClientAddress.Of(context)));
    }

    private static RateLimitPartition<BudgetKey> Bucket(BudgetKey key) =>
        key.PerMinute == 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.Get(key, static key => PerMinuteBucket.Create(key.PerMinute));

    /// <summary>One budget: a family and project, or the public budget and a client address.</summary>
    private readonly record struct BudgetKey(string Budget, int PerMinute, string? ProjectId, IPAddress? Client);
}
