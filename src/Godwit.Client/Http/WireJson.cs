using System.Text.Json;
using System.Text.Json.Serialization;
using Godwit.Contracts;

namespace Godwit.Client.Http;

/// <summary>The Contracts' source-generated serialisation, as the client uses it.</summary>
internal static class WireJson
{
    /// <summary>
    /// For request bodies: a field left null is not sent at all, the way Stytch's SDKs leave out
    /// undefined fields, so the server applies its default instead of reading an explicit null.
    /// </summary>
    public static readonly GodwitJsonContext Requests = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>For responses: the context the server writes them with.</summary>
    public static GodwitJsonContext Responses => GodwitJsonContext.Default;
}
