using System.Globalization;
using System.Text;
using System.Text.Json;
using Godwit.Core.Events;

namespace Godwit.Server.Webhooks;

/// <summary>
/// The body Godwit posts: Standard Webhooks' <c>{ type, timestamp, data }</c>, the data being the
/// event as <c>GET /v1/events</c> shows it. Built from the stored event alone, so every retry and
/// redelivery sends the same bytes.
/// </summary>
internal static class WebhookMessage
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Body(GodwitEvent recorded)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", recorded.Type);
            json.WriteString("timestamp", Timestamp(recorded.OccurredAt));
            json.WriteStartObject("data");
            json.WriteString("event_id", recorded.EventId);
            json.WriteString("type", recorded.Type);
            json.WriteString("occurred_at", Timestamp(recorded.OccurredAt));
            json.WriteString("user_id", recorded.UserId);
            json.WriteStartObject("actor");
            json.WriteString("type", recorded.ActorType);
            json.WriteString("id", recorded.ActorId);
            json.WriteEndObject();
            json.WriteString("ip_address", recorded.IpAddress);
            json.WriteString("user_agent", recorded.UserAgent);
            json.WritePropertyName("payload");
            // The payload was written by EventLog as a JSON object; it is copied as it is.
            using (var payload = JsonDocument.Parse(recorded.Payload))
            {
                payload.RootElement.WriteTo(json);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Timestamp(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
