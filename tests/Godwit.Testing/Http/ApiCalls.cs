using System.Net;
using System.Text;
using System.Text.Json;

namespace Godwit.Testing.Http;

/// <summary>A response as the tests look at it: the status and the parsed JSON body.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body)
{
    public string ErrorType => Body.TryGetProperty("error_type", out var type) ? type.GetString() ?? "" : "";

    public string Text(string property) => Body.GetProperty(property).GetString()!;

    /// <summary>The Retry-After header in seconds, when the answer had one.</summary>
    public long? RetryAfterSeconds { get; init; }

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>Raw JSON calls: tests send exactly the bytes a client would, malformed ones included.</summary>
public static class ApiCalls
{
    public static Task<ApiAnswer> PostAsync(this HttpClient client, string path, object body) =>
        client.SendJsonAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    public static Task<ApiAnswer> PutAsync(this HttpClient client, string path, object body) =>
        client.SendJsonAsync(HttpMethod.Put, path, JsonSerializer.Serialize(body));

    /// <summary>A GET with the JSON content type and no body, as the official SDK sends it.</summary>
    public static Task<ApiAnswer> GetJsonAsync(this HttpClient client, string path) =>
        client.SendJsonAsync(HttpMethod.Get, path, null);

    /// <summary>A DELETE with a <c>{}</c> body, as the official SDK sends it.</summary>
    public static Task<ApiAnswer> DeleteJsonAsync(this HttpClient client, string path) =>
        client.SendJsonAsync(HttpMethod.Delete, path, "{}");

    public static async Task<ApiAnswer> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        // Large bodies ask first, as careful clients do, so a refusal arrives before the upload
        // instead of racing it and resetting the connection.
        request.Headers.ExpectContinue = json is { Length: > 64 * 1024 };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return new ApiAnswer(response.StatusCode, document.RootElement.Clone())
        {
            RetryAfterSeconds = response.Headers.RetryAfter?.Delta is { } delta ? (long)delta.TotalSeconds : null,
        };
    }

    /// <summary>A unique address per call, so tests never share data.</summary>
    public static string UniqueEmail(string name = "person") => $"{name}-{Guid.NewGuid():N}@example.com";

    /// <summary>A unique number in the +1 555 01xx test range style, unique per call.</summary>
    public static string UniquePhone() => "+1555" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
