using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>
/// A request's JSON object, read field by field so that each malformed field gets its own precise
/// error type instead of the framework's generic 400. An absent field and a JSON null both mean
/// "not given".
/// </summary>
internal sealed class JsonBody
{
    // Duplicate keys are refused: a proxy or WAF that reads the first value while Godwit acted on
    // the last would check one request and let another through.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    private readonly JsonElement root;

    private JsonBody(JsonElement root) => this.root = root;

    public static async Task<JsonBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Refused before reading, so a client that sent "Expect: 100-continue" never uploads it.
        if (request.ContentLength > GodwitApp.MaxRequestBodyBytes)
        {
            throw new RequestRejectedException(ErrorCatalog.RequestTooLarge);
        }

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestRejectedException(ErrorCatalog.RequestTooLarge);
        }

        // Body-less requests (GETs with a JSON content type, some DELETEs) read as an empty object.
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return new JsonBody(JsonDocument.Parse("{}").RootElement);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(ErrorCatalog.BadRequest.WithMessage("The request body must be a JSON object."));
            }

            if (StorableText.ProblemIn(document.RootElement) is { } problem)
            {
                throw new RequestRejectedException(problem);
            }

            return new JsonBody(document.RootElement.Clone());
        }
        catch (JsonException exception)
        {
            throw new RequestRejectedException(ErrorCatalog.InvalidJson.WithMessage($"The request body is not valid JSON: {exception.Message}"));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check decodes every key, and throws this for one that is not text.
            throw new RequestRejectedException(StorableText.NotUnicode);
        }
    }

    public string? String(string name, ApiError whenWrongType) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new RequestRejectedException(whenWrongType),
    };

    public string RequiredString(string name, ApiError whenMissing) =>
        String(name, whenMissing) is { Length: > 0 } value ? value : throw new RequestRejectedException(whenMissing);

    public int? Int(string name, ApiError whenWrongType) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
        _ => throw new RequestRejectedException(whenWrongType),
    };

    public bool? Bool(string name) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new RequestRejectedException(ErrorCatalog.BadRequest.WithMessage($"{name} must be a boolean.")),
    };

    public JsonObject? Object(string name, ApiError whenWrongType) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => JsonObject.Create(value),
        _ => throw new RequestRejectedException(whenWrongType),
    };

    public JsonBody? Nested(string name, ApiError whenWrongType) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => new JsonBody(value),
        _ => throw new RequestRejectedException(whenWrongType),
    };

    /// <summary>The array under <paramref name="name"/>, each element a body of its own, or null for an element that is not an object.</summary>
    public IReadOnlyList<JsonBody?>? Array(string name, ApiError whenWrongType) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } value => value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? new JsonBody(e) : null).ToList(),
        _ => throw new RequestRejectedException(whenWrongType),
    };

    /// <summary>The raw value of a field, or null when absent or JSON null.</summary>
    public JsonElement? Field(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
