using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Godwit.Contracts;
using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>
/// Binds a request body to its Contracts record. The record's source-generated metadata says which
/// fields there are and of what type; each field is checked before binding, so a malformed one gets
/// the precise error <see cref="WireErrors"/> names for it instead of the framework's generic 400.
/// An absent field and a JSON null both mean "not given"; unknown fields are ignored.
/// </summary>
internal static class WireRequest
{
    // Duplicate keys are refused: a proxy or WAF that reads the first value while Godwit acted on
    // the last would check one request and let another through.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    /// <summary>The body as <typeparamref name="T"/>; <paramref name="errors"/> overrides the table for fields this endpoint names differently.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, IReadOnlyDictionary<string, ApiError>? errors = null) =>
        Bind<T>(await ReadObjectAsync(request, cancellationToken), errors);

    /// <summary>For requests that take no fields: the body is still read, so a malformed one is refused like any other.</summary>
    public static Task RefuseMalformedAsync(HttpRequest request, CancellationToken cancellationToken) => ReadObjectAsync(request, cancellationToken);

    /// <summary>A JSON object already read, as <typeparamref name="T"/>, its fields' errors named under <paramref name="path"/>.</summary>
    public static T Bind<T>(JsonElement json, IReadOnlyDictionary<string, ApiError>? errors = null, string path = "")
    {
        var info = (JsonTypeInfo<T>)TypeInfo(typeof(T));
        Check(json, info, path, errors);
        return json.Deserialize(info)!;
    }

    /// <summary>The body's JSON object, refused whole when too large, not JSON, not an object or not storable text.</summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
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
        ReadOnlyMemory<byte> body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (body.Span.Trim(" \n\r\t"u8).IsEmpty)
        {
            return JsonDocument.Parse("{}").RootElement;
        }

        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(ErrorCatalog.BadRequest.WithMessage("The request body must be a JSON object."));
            }

            if (StorableText.ProblemIn(document.RootElement) is { } problem)
            {
                throw new RequestRejectedException(problem);
            }

            return document.RootElement.Clone();
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

    private static JsonTypeInfo TypeInfo(Type type) =>
        GodwitJsonContext.Default.GetTypeInfo(type) ?? throw new InvalidOperationException($"{type.Name} is not in GodwitJsonContext.");

    /// <summary>Checks each field of <paramref name="json"/> against <paramref name="info"/>, in the record's order, refusing at the first bad one.</summary>
    private static void Check(JsonElement json, JsonTypeInfo info, string path, IReadOnlyDictionary<string, ApiError>? errors)
    {
        foreach (var property in info.Properties)
        {
            if (property.IsExtensionData)
            {
                continue;
            }

            var name = path + property.Name;
            var present = json.TryGetProperty(property.Name, out var value) && value.ValueKind != JsonValueKind.Null;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!present)
            {
                Require(!property.IsRequired, name, type, errors);
                continue;
            }

            CheckValue(value, type, name, errors);

            // A required top-level text must also be non-empty.
            Require(!property.IsRequired || type != typeof(string) || path.Length > 0 || value.GetString()!.Length > 0, name, type, errors);
        }
    }

    private static void CheckValue(JsonElement value, Type type, string name, IReadOnlyDictionary<string, ApiError>? errors)
    {
        if (type == typeof(JsonElement) || type == typeof(JsonNode))
        {
            return;
        }

        var fits = value.ValueKind switch
        {
            JsonValueKind.String => type == typeof(string),
            JsonValueKind.Number => type == typeof(int) && value.TryGetInt32(out _),
            JsonValueKind.True or JsonValueKind.False => type == typeof(bool),
            JsonValueKind.Array => ElementType(type) is not null,
            JsonValueKind.Object => type == typeof(JsonObject) || (type.IsClass && type != typeof(string) && ElementType(type) is null),
            _ => false,
        };
        Require(fits, name, type, errors);
        if (value.ValueKind == JsonValueKind.Array && ElementType(type) == typeof(string))
        {
            foreach (var element in value.EnumerateArray())
            {
                Require(element.ValueKind == JsonValueKind.String, name + "[]", typeof(string), errors);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && IsRecord(ElementType(type)!))
        {
            foreach (var element in value.EnumerateArray())
            {
                Require(element.ValueKind == JsonValueKind.Object, name + "[]", ElementType(type)!, errors);
                Check(element, TypeInfo(ElementType(type)!), name + "[].", errors);
            }
        }
        else if (value.ValueKind == JsonValueKind.Object && IsRecord(type))
        {
            Check(value, TypeInfo(type), name + ".", errors);
        }
    }

    private static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && type != typeof(JsonObject) && type != typeof(JsonNode);

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private static void Require(bool condition, string name, Type type, IReadOnlyDictionary<string, ApiError>? errors)
    {
        if (!condition)
        {
            throw new RequestRejectedException(WireErrors.For(name, type, errors));
        }
    }
}
