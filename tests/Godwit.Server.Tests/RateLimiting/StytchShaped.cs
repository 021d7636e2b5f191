using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.RateLimiting;

internal static class StytchShaped
{
    /// <summary>A refusal in Stytch's envelope: 429 too_many_requests, the body's status matching, a request id, a wait.</summary>
    public static void AssertTooManyRequests(ApiAnswer answer, long maxRetryAfterSeconds)
    {
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (answer.Status, answer.ErrorType));
        Assert.Equal(429, answer.Body.GetProperty("status_code").GetInt32());
        Assert.StartsWith("request-id-live-", answer.Text("request_id"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.Text("error_message")));
        Assert.EndsWith($"{Godwit.Server.Http.ErrorReference.PagePath}#too_many_requests", answer.Text("error_url"), StringComparison.Ordinal);
        Assert.InRange(answer.RetryAfterSeconds ?? 0, 1, maxRetryAfterSeconds);
    }
}
