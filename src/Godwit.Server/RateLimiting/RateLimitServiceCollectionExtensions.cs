using Godwit.Core.Errors;
using Godwit.Server.Http;
using Godwit.Server.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace Godwit.Server.RateLimiting;

internal static class RateLimitServiceCollectionExtensions
{
    /// <summary>Registers the rate limits (checked at startup) and ASP.NET Core's rate limiter over them.</summary>
    public static IServiceCollection AddGodwitRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitOptions>(configuration.GetSection(RateLimitOptions.SectionName), options => options.Problem());
        services.AddSingleton<RequestBudgets>();
        services.AddSingleton<FailedAuthenticationThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RequestBudgets>((limiter, budgets) =>
        {
            limiter.GlobalLimiter = budgets.Limiter;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => new ValueTask(
                ApiResults.Error(ErrorCatalog.TooManyRequests.WithRetryAfter(PerMinuteBucket.RetryAfter(rejected.Lease))).ExecuteAsync(rejected.HttpContext));
        });
        return services;
    }
}
