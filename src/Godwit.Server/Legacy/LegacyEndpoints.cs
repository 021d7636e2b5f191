using System.Net.Http.Headers;
using Godwit.Core.Legacy;
using Godwit.Core.Telemetry;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Godwit.Server.Legacy;

/// <summary>An answer of the legacy system, or why there is none (never an exception).</summary>
internal sealed record LegacyResponse(int StatusCode, byte[] Body, string? Failure, TimeSpan Elapsed);

/// <summary>
/// Calls to the legacy system, one named HttpClient per endpoint so that each has its own circuit
/// breaker: a dead session hook must not stop password logins. Each client runs a circuit breaker
/// around a timeout around a handler that reads the whole answer, so the timeout bounds the body
/// too. There are no retries: the password hook's answer is awaited by a person at a login form,
/// the timeout leaves no room for a second attempt, and a repeated password POST would count twice
/// against a legacy system's own lockout.
/// </summary>
internal sealed class LegacyEndpoints(IHttpClientFactory clients, TimeProvider clock, GodwitMetrics metrics)
{
    public const string PasswordHook = "godwit-legacy-password-hook";
    public const string SessionHook = "godwit-legacy-session-hook";
    public const string UserInfo = "godwit-legacy-userinfo";
    public const string Jwks = "godwit-legacy-jwks";
    public const string UserLookupHook = "godwit-legacy-user-lookup-hook";

    public static readonly string[] Names = [PasswordHook, SessionHook, UserInfo, Jwks, UserLookupHook];

    /// <summary>A POST of <paramref name="body"/> signed under <paramref name="secret"/> (see <see cref="HookSignature"/>).</summary>
    public static HttpRequestMessage SignedPost(Uri url, string secret, byte[] body, DateTimeOffset now)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(HookSignature.HeaderName, HookSignature.Header(secret, now, body));
        return request;
    }

    public async Task<LegacyResponse> SendAsync(string client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        string failure;
        string outcome;
        try
        {
            using var response = await clients.CreateClient(client).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return Measured(new LegacyResponse((int)response.StatusCode, body, null, clock.GetElapsedTime(started)), client, "answered");
        }
        catch (BrokenCircuitException)
        {
            failure = "circuit open after repeated failures";
            outcome = "circuit_open";
        }
        catch (TimeoutRejectedException)
        {
            failure = "timed out";
            outcome = "timed_out";
        }
        catch (HttpRequestException exception)
        {
            // The exception's message may hold the URL, whose query can carry a credential.
            failure = $"could not be reached ({exception.HttpRequestError})";
            outcome = "unreachable";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = "timed out";
            outcome = "timed_out";
        }

        return Measured(new LegacyResponse(0, [], failure, clock.GetElapsedTime(started)), client, outcome);
    }

    private LegacyResponse Measured(LegacyResponse response, string client, string outcome)
    {
        metrics.LegacyHookAnswered(LegacyCircuitStates.HookName(client), outcome, response.Elapsed);
        return response;
    }
}

/// <summary>Reads the answer inside the resilience pipeline, so that its timeout covers a slow body, and caps its size.</summary>
internal sealed class BufferAnswerHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(LegacyHookAnswer.MaxBytes, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
