using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Godwit.Client.Http;

/// <summary>
/// Which failures are retried, and when:
/// <list type="bullet">
/// <item>429 Too Many Requests, on any call: the server refused the request without running it, so
/// repeating it cannot send a second email or count a second password attempt. The client waits
/// out the Retry-After, or backs off exponentially when there is none.</item>
/// <item>Network failures and 408/500/502/503/504, only on calls marked safe to repeat (reads,
/// search, update, session authenticate): such a failure does not say whether the request ran, and
/// a repeated login_or_create would send a second code, a repeated passcode authenticate would
/// spend the code.</item>
/// <item>Never when the Retry-After is longer than <see cref="GodwitClientOptions.MaxRetryAfter"/>:
/// a locked user's hour or a send limit's minute is surfaced at once, carrying the wait.</item>
/// </list>
/// </summary>
internal static class RetryPolicy
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, GodwitClientOptions options)
    {
        if (options.MaxRetries == 0)
        {
            return;
        }

        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options.MaxRetryAfter)),
            // Null falls back to the exponential backoff.
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } answer ? RetryAfter(answer) : null),
            OnRetry = args =>
            {
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        });
    }

    /// <summary>The wait a 429 or 503 asks for, as seconds or as a date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage answer) => answer.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter)
    {
        if (outcome.Result is { } answer)
        {
            if (RetryAfter(answer) > maxRetryAfter)
            {
                return false;
            }

            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return true;
            }

            return IsSafeToRetry(answer.RequestMessage ?? context.GetRequestMessage())
                && answer.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError
                    or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
        }

        // A cancellation by the caller is never retried; a connection failure only when safe.
        return outcome.Exception is HttpRequestException && IsSafeToRetry(context.GetRequestMessage());
    }

    private static bool IsSafeToRetry(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(ApiTransport.SafeToRetry, out var safe) && safe;
}
