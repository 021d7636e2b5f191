using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Godwit.Client.Http;

/// <summary>
/// Sends one call: JSON in, JSON out, an error body turned into a <see cref="GodwitApiException"/>.
/// Each request says whether repeating it is harmless, which the retry policy reads.
/// </summary>
internal sealed class ApiTransport(HttpClient http)
{
    /// <summary>Set on requests that may be repeated after a failure that says nothing about whether they ran.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRetry = new("Godwit.SafeToRetry");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> response, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, content: null, response, safeToRetry: true, cancellationToken);

    public Task<TResponse> DeleteAsync<TResponse>(string path, JsonTypeInfo<TResponse> response, CancellationToken cancellationToken) =>
        // Not retried: if the first attempt deleted the user and its answer was lost, the retry
        // would report user_not_found for a delete that succeeded.
        SendAsync(HttpMethod.Delete, path, content: null, response, safeToRetry: false, cancellationToken);

    public Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResponse> response, bool safeToRetry, CancellationToken cancellationToken)
    {
        // Bytes rather than a streaming content, so a retry can send the same body again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, request));
        content.Headers.ContentType = Json;
        return SendAsync(method, path, content, response, safeToRetry, cancellationToken);
    }

    private async Task<TResponse> SendAsync<TResponse>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<TResponse> response, bool safeToRetry, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Options.Set(SafeToRetry, safeToRetry);
        using var answer = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var bytes = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            throw ErrorOf(answer, bytes);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, response)
                ?? throw new GodwitApiException((int)answer.StatusCode, "unexpected_response", "The API answered with an empty body.", "", "");
        }
        catch (JsonException exception)
        {
            throw new GodwitApiException($"The API's answer to {method} {path} is not the expected JSON: {exception.Message}", exception);
        }
    }

    private static GodwitApiException ErrorOf(HttpResponseMessage answer, byte[] body)
    {
        var status = (int)answer.StatusCode;
        var retryAfter = RetryPolicy.RetryAfter(answer);
        try
        {
            if (JsonSerializer.Deserialize(body, WireJson.Responses.ErrorResponse) is { ErrorType.Length: > 0 } error)
            {
                return new GodwitApiException(status, error.ErrorType, error.ErrorMessage ?? "", error.ErrorUrl ?? "", error.RequestId ?? "", retryAfter);
            }
        }
        catch (JsonException)
        {
            // Not Stytch's error body: a proxy or load balancer answered. Described below.
        }

        var reason = answer.ReasonPhrase ?? ((HttpStatusCode)status).ToString();
        var text = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)));
        return new GodwitApiException(status, "unexpected_response", $"HTTP {status} {reason} without an API error body: {text}", "", "", retryAfter);
    }
}
