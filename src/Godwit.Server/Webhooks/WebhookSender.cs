using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Godwit.Core.Security;
using Godwit.Core.Webhooks;
using StandardWebhooks;

namespace Godwit.Server.Webhooks;

/// <summary>What one request for a delivery came to.</summary>
internal sealed record SendResult(bool Delivered, int? StatusCode, double LatencyMs, string? Error, string? ResponseExcerpt);

/// <summary>
/// Posts one delivery, signed as Standard Webhooks specifies: <c>webhook-id</c> is the event id, the
/// same on every retry so receivers can drop duplicates; <c>webhook-timestamp</c> is the time of
/// this attempt, which receivers compare with their clock to refuse replays; and
/// <c>webhook-signature</c> holds one <c>v1,</c> signature per live secret (two after a rotation).
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, ProjectKeys keys, TimeProvider clock)
{
    public async Task<SendResult> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var body = WebhookMessage.Body(delivery.Event);
        if (Signatures(delivery, body, now) is not { } signature)
        {
            return new SendResult(false, null, 0, "The signing secret cannot be opened: the encryption key that sealed it is no longer configured.", null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", delivery.Event.EventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Godwit-Webhooks", "1"));

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(WebhookServiceCollectionExtensions.ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ExcerptAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            return new SendResult(status is >= 200 and < 300, status, Elapsed(started), null, excerpt);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var error = exception is TaskCanceledException ? "The endpoint did not answer within the timeout." : exception.Message;
            return new SendResult(false, null, Elapsed(started), error.Length > 500 ? error[..500] : error, null);
        }
    }

    /// <summary>The header's value: the current secret's signature, and the previous one's while it lives; null when a secret cannot be opened.</summary>
    private string? Signatures(ClaimedDelivery delivery, string body, DateTimeOffset now)
    {
        var signatures = new List<string>(2);
        foreach (var sealedKey in LiveSecrets(delivery, now.UtcDateTime))
        {
            if (WebhookSecret.Open(keys.Encryption, delivery.EndpointId, sealedKey) is not { } key)
            {
                return null;
            }

            signatures.Add(new StandardWebhook(key).Sign(delivery.Event.EventId, now, body));
        }

        return string.Join(' ', signatures);
    }

    private static IEnumerable<byte[]> LiveSecrets(ClaimedDelivery delivery, DateTime now)
    {
        yield return delivery.SealedSecret;
        if (delivery.PreviousSealedSecret is { } previous && delivery.PreviousSecretExpiresAt > now)
        {
            yield return previous;
        }
    }

    /// <summary>The start of the answer, at most 1 KiB: enough to tell an error page, never a large download.</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookAttempt.MaxResponseExcerpt];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var count and > 0)
        {
            read += count;
        }

        if (read == 0)
        {
            return null;
        }

        // PostgreSQL's text holds no NUL; the excerpt is for reading, so it goes.
        var text = Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal);
        return text.Length > WebhookAttempt.MaxResponseExcerpt ? text[..WebhookAttempt.MaxResponseExcerpt] : text;
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
