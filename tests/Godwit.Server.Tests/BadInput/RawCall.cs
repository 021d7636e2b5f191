using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Godwit.Server.Tests.BadInput;

/// <summary>What the server answered to one hostile request, as the sweep judges it.</summary>
internal sealed record SweepAnswer(SweptRoute Route, string Case, int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? ErrorType => Property("error_type");

    public string? ErrorMessage => Property("error_message");

    /// <summary>Why this answer breaks the rules (a 5xx, or a 4xx not in Stytch's error shape), or null when it keeps them.</summary>
    public string? Problem()
    {
        if (Status >= 500)
        {
            return $"answered {Status}";
        }

        if (Status < 400)
        {
            return null;
        }

        JsonElement error;
        try
        {
            using var document = JsonDocument.Parse(Body);
            error = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return $"answered {Status} with a body that is not JSON";
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return $"answered {Status} with a body that is not an object";
        }

        var type = Text(error, "error_type");
        var expectedUrl = $"https://stytch.com/docs/api-reference/consumer/api/errors/{Status}#{type}";
        return (error.TryGetProperty("status_code", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() == Status,
                Text(error, "request_id")?.StartsWith("request-id-live-", StringComparison.Ordinal) == true,
                !string.IsNullOrEmpty(type),
                !string.IsNullOrEmpty(Text(error, "error_message")),
                Text(error, "error_url") == expectedUrl) switch
        {
            (true, true, true, true, true) => null,
            _ => $"answered {Status} outside Stytch's error shape",
        };
    }

    public override string ToString() => $"{Route} [{Case}] → {Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";

    private string? Property(string name)
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, name) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Sends exact bytes, malformed UTF-8 included, which the JSON helpers of the other tests cannot.</summary>
internal static class RawCall
{
    public static async Task<SweepAnswer> SendAsync(HttpClient client, SweptRoute route, string path, string label, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            // Large bodies ask first, as careful clients do, so a refusal arrives before the upload;
            // and use a connection of their own: a server that answers without reading a body
            // closes the connection after it, which a pooled next request would run into.
            request.Headers.ExpectContinue = body.Length > 64 * 1024;
            request.Headers.ConnectionClose = body.Length > 64 * 1024;
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        return new SweepAnswer(route, label, (int)response.StatusCode, text);
    }
}
