using System.Net;
using System.Text.Json;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OpenApi;

/// <summary>
/// Sends real requests and holds each request body and answer to the document: the body must fit the
/// operation's request schema, and the answer the response schema of the status it came with.
/// </summary>
internal sealed class ConformingClient(HttpClient client, OpenApiDocument document)
{
    /// <summary>Sends <paramref name="body"/> to <paramref name="path"/>, whose template in the document is <paramref name="route"/>.</summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string route, string path, object? body = null)
    {
        var json = body is null ? null : JsonSerializer.Serialize(body);
        if (json is not null)
        {
            var requestSchema = document.RequestSchema(method.Method, route);
            Assert.True(requestSchema is not null, $"{method} {route} has no request schema in the document.");
            using var sent = JsonDocument.Parse(json);
            var refused = document.Problems(requestSchema, sent.RootElement);
            Assert.True(refused is null, $"{method} {route}: the request sent is outside its schema:\n{refused}");
        }

        var answer = await (method == HttpMethod.Delete && json is null
            ? client.DeleteJsonAsync(path)
            : client.SendJsonAsync(method, path, json));
        var responseSchema = document.ResponseSchema(method.Method, route, (int)answer.Status);
        Assert.True(responseSchema is not null, $"{method} {route} answered {(int)answer.Status}, a status the document does not describe.");
        var problems = document.Problems(responseSchema, answer.Body);
        Assert.True(problems is null, $"{method} {route} answered {(int)answer.Status} outside its schema:\n{problems}");
        return answer;
    }

    public Task<ApiAnswer> PostAsync(string route, object body) => SendAsync(HttpMethod.Post, route, route, body);

    public async Task<ApiAnswer> ExpectOkAsync(HttpMethod method, string route, string path, object? body = null)
    {
        var answer = await SendAsync(method, route, path, body);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return answer;
    }
}
