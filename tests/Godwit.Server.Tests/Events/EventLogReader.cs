using System.Net;
using System.Text.Json;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Events;

/// <summary>Reads GET /v1/events the way a backend would: page after page, by the cursor.</summary>
internal static class EventLogReader
{
    /// <summary>Every event the query matches, following next_cursor to the end.</summary>
    public static async Task<List<JsonElement>> AllAsync(HttpClient client, string query, int limit = 1000)
    {
        var events = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var path = $"/v1/events?{query}&limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await client.GetJsonAsync(path);
            Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
            events.AddRange(page.Body.GetProperty("events").EnumerateArray().Select(e => e.Clone()));
            var next = page.Body.GetProperty("results_metadata").GetProperty("next_cursor");
            cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
        }
        while (cursor is not null);

        return events;
    }

    public static Task<List<JsonElement>> OfUserAsync(HttpClient client, string userId) => AllAsync(client, "user_id=" + userId);

    public static List<string> Types(IEnumerable<JsonElement> events) => [.. events.Select(e => e.GetProperty("type").GetString()!)];

    public static JsonElement Single(IEnumerable<JsonElement> events, string type) => Assert.Single(events, e => e.GetProperty("type").GetString() == type);

    public static string? Payload(JsonElement recorded, string key) =>
        recorded.GetProperty("payload").TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
