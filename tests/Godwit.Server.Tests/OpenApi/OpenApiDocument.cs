using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Godwit.Server.Tests.OpenApi;

/// <summary>
/// Godwit's OpenAPI document as the tests read it, and its schemas as JSON Schema 2020-12 (what
/// OpenAPI 3.1 schemas are), checked by JsonSchema.Net.
/// </summary>
internal sealed class OpenApiDocument(JsonObject root)
{
    public JsonObject Root => root;

    public JsonObject Paths => root["paths"]!.AsObject();

    public static async Task<OpenApiDocument> FetchAsync(HttpClient client) =>
        new(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject());

    /// <summary>The operation at <paramref name="route"/> (its template, as <c>/v1/users/{userId}</c>), or null.</summary>
    public JsonObject? Operation(string method, string route) =>
        Paths[route]?[method.ToLowerInvariant()]?.AsObject();

    /// <summary>The JSON schema of the answer with <paramref name="status"/>, or of its range (<c>4XX</c>).</summary>
    public JsonNode? ResponseSchema(string method, string route, int status)
    {
        var responses = Operation(method, route)?["responses"];
        var response = responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses?[$"{status / 100}XX"];
        return response?["content"]?["application/json"]?["schema"];
    }

    public JsonNode? RequestSchema(string method, string route) =>
        Operation(method, route)?["requestBody"]?["content"]?["application/json"]?["schema"];

    /// <summary>The component schema <paramref name="name"/>.</summary>
    public JsonObject Component(string name) => root["components"]!["schemas"]![name]!.AsObject();

    /// <summary>
    /// What is wrong with <paramref name="instance"/> under <paramref name="schema"/>, or null when it
    /// fits. References to <c>#/components/schemas/X</c> resolve within the document.
    /// </summary>
    public string? Problems(JsonNode schema, JsonElement instance)
    {
        var standalone = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = root["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = standalone.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        var built = JsonSchema.FromText(text, baseUri: new Uri($"https://godwit.test/schemas/{Guid.NewGuid():N}"));
        var results = built.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return null;
        }

        var errors = (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value}"));
        return string.Join("\n", errors.DefaultIfEmpty("invalid")) + "\nin " + instance.GetRawText();
    }
}
