using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Godwit.Core.Delivery;

namespace Godwit.Server.Delivery;

/// <summary>The body POSTed to the SMS webhook.</summary>
internal sealed record SmsWebhookPayload(string To, string Body, string Channel)
{
    /// <summary>How the webhook body and the outbox name a text's channel.</summary>
    public static string ChannelName(TextChannel channel) => channel == TextChannel.WhatsApp ? "whatsapp" : "sms";
}

/// <summary>One line of the development outbox; <see cref="Subject"/> is null for SMS.</summary>
internal sealed record OutboxEntry(DateTime SentAt, string Channel, string To, string? Subject, string Text);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SmsWebhookPayload))]
[JsonSerializable(typeof(OutboxEntry))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes "+15005550006" and "don't" as they are rather than as \u002B and \u0027: these payloads
    /// go to a gateway and a file a person reads, never into HTML, which is what the default escaping
    /// guards against.
    /// </summary>
    public static DeliveryJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
