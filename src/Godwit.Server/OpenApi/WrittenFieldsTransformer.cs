using System.Reflection;
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
        if (context.JsonPropertyInfo is not null || info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly != typeof(ApiResponse).Assembly || RequestTypes.Value.Contains(info.Type))
        {
            return Task.CompletedTask;
        }

        foreach (var property in info.Properties.Where(AlwaysWritten))
        {
            (schema.Required ??= new HashSet<string>()).Add(property.Name);
        }

        return Task.CompletedTask;
    }

    private static bool AlwaysWritten(JsonPropertyInfo property) =>
        property.Get is not null
        && property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true).Length is null or 0;

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
