using System.Net.Http.Json;
using Godwit.Core.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Delivery;

/// <summary>
/// Hands each text message to an HTTP endpoint the operator runs (a gateway to Twilio, an SMPP
/// bridge, a chat channel), so Godwit speaks no SMS provider's API itself. The body names the
/// channel ("sms" or "whatsapp") for the gateway to route by.
/// </summary>
internal sealed partial class WebhookSmsSender(HttpClient http, IOptions<SmsOptions> options, ILogger<WebhookSmsSender> logger) : ISmsSender
{
    /// <summary>Set on the typed client at registration; a login request waits on this call.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Uri webhookUrl = options.Value.WebhookUrl
        ?? throw new InvalidOperationException("WebhookSmsSender needs Godwit:Sms:WebhookUrl.");

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var payload = new SmsWebhookPayload(message.To, message.Body, SmsWebhookPayload.ChannelName(message.Channel));
        // Only the authority is named: the URL's path or query often carries the gateway's secret.
        var target = webhookUrl.Authority;
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(webhookUrl, payload, DeliveryJsonContext.Readable.SmsWebhookPayload, cancellationToken);
        }
        catch (Exception exception) when ((exception is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, exception, target);
            throw new DeliveryFailedException($"SMS webhook at {target} could not be reached", exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // The gateway's reply body may echo the message, which holds the login code.
                var status = (int)response.StatusCode;
                LogRefused(logger, target, status);
                throw new DeliveryFailedException($"SMS webhook at {target} answered {status}");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS webhook at {Target} could not be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS webhook at {Target} answered {StatusCode}")]
    private static partial void LogRefused(ILogger logger, string target, int statusCode);
}
