using System.Net;
using Godwit.Core.Delivery;
using Godwit.Server.Delivery;
using Godwit.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.Delivery;

public sealed class WebhookSmsSenderTests
{
    private static readonly SmsMessage LoginSms = new("+15005550006", "Your Godwit code is 402917");

    private readonly RecordingLogger<WebhookSmsSender> logger = new();

    [Fact]
    public async Task Posts_the_recipient_body_and_channel_as_json_to_the_webhook()
    {
        await using var webhook = await WebhookSink.StartAsync();
        using var http = new HttpClient();

        await Sender(http, webhook.Url).SendAsync(LoginSms, TestContext.Current.CancellationToken);

        var request = Assert.Single(webhook.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(webhook.Url.AbsolutePath, request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"to":"+15005550006","body":"Your Godwit code is 402917","channel":"sms"}""", request.Body);
    }

    [Fact]
    public async Task A_webhook_answering_500_fails_delivery_and_logs_the_status_without_the_body()
    {
        await using var webhook = await WebhookSink.StartAsync();
        webhook.ResponseStatus = HttpStatusCode.InternalServerError;
        using var http = new HttpClient();

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => Sender(http, webhook.Url).SendAsync(LoginSms, TestContext.Current.CancellationToken));

        Assert.Contains("500", failure.Message, StringComparison.Ordinal);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("500", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("402917", warning.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_webhook_fails_delivery_without_naming_the_url_path()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/hooks/sms?token=gateway-secret");
        using var http = new HttpClient();

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => Sender(http, url).SendAsync(LoginSms, TestContext.Current.CancellationToken));

        Assert.Contains(url.Authority, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway-secret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway-secret", Assert.Single(logger.Entries).Message, StringComparison.Ordinal);
    }

    private WebhookSmsSender Sender(HttpClient http, Uri url) =>
        new(http, Options.Create(new SmsOptions { WebhookUrl = url }), logger);
}
