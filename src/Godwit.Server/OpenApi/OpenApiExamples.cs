using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Godwit.Server.OpenApi;

/// <summary>A request and an answer per feature, with Stytch-like values, shown by the API reference.</summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<string, (string? Request, string Response)> ByRoute = new(StringComparer.Ordinal)
    {
    };

    /// <summary>The route's examples, if it has any, on its JSON request body and 200 answer.</summary>
    public static void Apply(string method, string path, OpenApiOperation operation)
    {
        if (!ByRoute.TryGetValue($"{method} {path}", out var example))
        {
            return;
        }

        if (example.Request is { } request && operation.RequestBody?.Content is { } requestContent && requestContent.TryGetValue("application/json", out var body))
        {
            body.Example = JsonNode.Parse(request);
        }

        if (operation.Responses?.GetValueOrDefault("200")?.Content is { } responseContent && responseContent.TryGetValue("application/json", out var answer))
        {
            answer.Example = JsonNode.Parse(example.Response);
        }
    }
}
