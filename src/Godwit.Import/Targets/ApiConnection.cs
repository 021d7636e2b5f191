using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Godwit.Import.Targets;

/// <summary>
/// An HttpClient for a Stytch-compatible API: Basic auth with the project's credentials, and retries
/// with backoff on 429, 5xx and network failures, honouring Retry-After. Every write the importer
/// sends is safe to repeat: a user already created is matched by external_id or email, not duplicated.
/// </summary>
public static class ApiConnection
{
    public static HttpClient Create(Uri baseUrl, string projectId, string secret, TimeSpan attemptTimeout)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("api", client =>
            {
                client.BaseAddress = baseUrl;
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{projectId}:{secret}")));
            })
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.MaxRetryAttempts = 8;
                options.Retry.Delay = TimeSpan.FromMilliseconds(500);
                options.Retry.ShouldRetryAfterHeader = true;
                options.AttemptTimeout.Timeout = attemptTimeout;
                options.CircuitBreaker.SamplingDuration = attemptTimeout * 2;
                options.TotalRequestTimeout.Timeout = attemptTimeout * 10;
            });
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("api");
    }
}
