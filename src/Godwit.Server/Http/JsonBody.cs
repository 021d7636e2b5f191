using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>
/// A request's JSON object read field by field, for the bulk import whose rows are read one by one
/// so that a bad row fails alone. Every other endpoint binds its Contracts record through
/// <see cref="WireRequest"/>. An absent field and a JSON null both mean "not given".
/// </summary>
internal sealed class JsonBody
{
    private JsonBody(JsonElement root) => Root = root;

    /// <summary>The object itself, for binding part of it to a Contracts record with <see cref="WireRequest.Bind{T}"/>.</summary>
    public JsonElement Root { get; }

    public static async Task<JsonBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        new(await WireRequest.ReadObjectAsync(request, cancellationToken));

    public string? String(string name, ApiError whenWrongType) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
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

    /// <summary>The array under <paramref name="name"/>, each element a body of its own, or null for an element that is not an object.</summary>
    public IReadOnlyList<JsonBody?>? Array(string name, ApiError whenWrongType) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } value => value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? new JsonBody(e) : null).ToList(),
        _ => throw new RequestRejectedException(whenWrongType),
    };

    /// <summary>The raw value of a field, or null when absent or JSON null.</summary>
    public JsonElement? Field(string name) =>
        Root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
