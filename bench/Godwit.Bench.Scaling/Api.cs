using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Godwit.Bench.Scaling;

/// <summary>One Godwit process as a client sees it, counting every request and every wrong answer.</summary>
internal sealed class Api(string name, Uri baseUrl, string projectId, string secret, Tally tally) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseUrl,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{projectId}:{secret}"))) },
        Timeout = TimeSpan.FromSeconds(30),
    };

    public string Name { get; } = name;

    public async Task<Answer> PostAsync(string path, object body, CancellationToken cancellationToken = default) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);

    public async Task<Answer> GetAsync(string path, CancellationToken cancellationToken = default) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    private async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, cancellationToken))
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                tally.Request(Stopwatch.GetElapsedTime(started));
                using var json = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text) : null;
                return new Answer(response.StatusCode, json?.RootElement.Clone(), text);
            }
        }
        catch (HttpRequestException exception)
        {
            tally.Request(Stopwatch.GetElapsedTime(started));
            return new Answer(0, null, exception.Message);
        }
    }

    public void Dispose() => http.Dispose();
}

internal sealed record Answer(HttpStatusCode Status, JsonElement? Body, string Text)
{
    public string? Field(string name) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? ErrorType => Field("error_type");

    public override string ToString() => $"{(int)Status} {(Text.Length > 200 ? Text[..200] + "…" : Text)}";
}
