using System.Net.Http.Headers;
using System.Text;

namespace Godwit.Server.Tests.BadInput;

/// <summary>Sends exact bytes, malformed UTF-8 included, which the JSON helpers of the other tests cannot.</summary>
internal static class RawCall
{
    public static async Task<SweepAnswer> SendAsync(HttpClient client, HostileRequest hostile, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Route.Method), hostile.Path);
        if (hostile.Body is { } body)
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
        return new SweepAnswer(hostile.Route, hostile.Case, (int)response.StatusCode, text);
    }
}
