using System.Text.Json.Serialization;

namespace Godwit.Server.Delivery;

/// <summary>The body POSTed to the SMS webhook.</summary>
internal sealed record SmsWebhookPayload(string To, string Body, string Channel);

/// <summary>One line of the development outbox; <see cref="Subject"/> is null for SMS.</summary>
internal sealed record OutboxEntry(DateTime SentAt, string Channel, string To, string? Subject, string Text);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SmsWebhookPayload))]
[JsonSerializable(typeof(OutboxEntry))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
