using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Godwit.Contracts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Godwit.Server.OpenApi;

/// <summary>
/// Marks as required every field the server always writes, so a client generator types it as present
/// and a renamed field fails validation. Request records keep what they declare: there an absent field
/// means "not given". A type that appears in any request counts as a request type.
/// </summary>
internal sealed class WrittenFieldsTransformer : IOpenApiSchemaTransformer
{
    private static readonly Lazy<HashSet<Type>> RequestTypes = new(FindRequestTypes);

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly != typeof(ApiResponse).Assembly)
        {
            return Task.CompletedTask;
        }

        // What WireRequest enforces for a request; what the serializer always writes for an answer.
        // (The framework's own guess, a positional record's parameters, fits neither.)
        var skippedWhenNull = SkippedWhenNull(info.Type);
        var required = RequestTypes.Value.Contains(info.Type)
            ? GodwitJsonContext.Default.GetTypeInfo(info.Type)!.Properties.Where(property => property.IsRequired)
            : info.Properties.Where(property => property.Get is not null && !skippedWhenNull.Contains(property.Name));
        schema.Required = required.Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <summary>Wire names of the fields marked <c>[JsonIgnore(Condition = WhenWritingNull)]</c> (the source-generated metadata does not say).</summary>
    private static HashSet<string> SkippedWhenNull(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: not JsonIgnoreCondition.Never })
        .Select(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The Contracts records named <c>…Request</c> and every Contracts type their fields reach.</summary>
    private static HashSet<Type> FindRequestTypes()
    {
        var contracts = typeof(ApiResponse).Assembly;
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(contracts.GetTypes().Where(type => type.Name.EndsWith("Request", StringComparison.Ordinal)));
        while (pending.TryPop(out var type))
        {
            if (type.Assembly != contracts || !found.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var reached = property.PropertyType;
                foreach (var inner in reached.IsGenericType ? reached.GetGenericArguments() : [reached])
                {
                    pending.Push(Nullable.GetUnderlyingType(inner) ?? inner);
                }
            }
        }

        return found;
    }
}
