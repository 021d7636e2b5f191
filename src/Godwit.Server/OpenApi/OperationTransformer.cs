using System.Reflection;
using System.Runtime.CompilerServices;
using Godwit.Contracts.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Godwit.Server.OpenApi;

/// <summary>
/// What every operation shares and no single mapping line should repeat: its tag (the feature that
/// maps it), the project's Basic auth on backend routes, Stytch's error shape on every <c>/v1</c>
/// route, and the query parameters handlers read by hand.
/// </summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + description.RelativePath;
        var document = context.Document!;

        if (metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler)
        {
            operation.Tags = new HashSet<OpenApiTagReference> { new(FeatureOf(handler), document) };
        }

        foreach (var query in metadata.OfType<QueryParameterDescription>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Required = query.Required,
                Description = query.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (metadata.OfType<RedirectDescription>().FirstOrDefault() is { } redirect && operation.Responses?.GetValueOrDefault("302") is OpenApiResponse found)
        {
            found.Description = redirect.Description;
        }

        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return;
        }

        if (!IsPublic(path))
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentTransformer.BasicScheme, document)] = [] }];
        }

        var error = await ErrorSchemaAsync(context, cancellationToken);
        operation.Responses ??= [];
        operation.Responses["4XX"] = ErrorAnswer(error, "A Stytch error: the request was malformed, unauthorized, refused or named something that does not exist.");
        operation.Responses["5XX"] = ErrorAnswer(error, "A Stytch error: the server or a service it depends on failed.");
    }

    /// <summary>The JWKS and the browser's OAuth redirects take no credential.</summary>
    public static bool IsPublic(string path) =>
        path.StartsWith("/v1/sessions/jwks/", StringComparison.Ordinal) || path.StartsWith("/v1/public/", StringComparison.Ordinal);

    private static async Task<IOpenApiSchema> ErrorSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        const string Name = nameof(ErrorResponse);
        if (context.Document!.Components?.Schemas?.ContainsKey(Name) != true)
        {
            context.Document.AddComponent(Name, await context.GetOrCreateSchemaAsync(typeof(ErrorResponse), null, cancellationToken));
        }

        return new OpenApiSchemaReference(Name, context.Document);
    }

    private static OpenApiResponse ErrorAnswer(IOpenApiSchema error, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = error } },
    };

    /// <summary><c>UserEndpoints</c> maps "Users"; a lambda's closure class counts as the class that declares it.</summary>
    private static string FeatureOf(MethodInfo handler)
    {
        var type = handler.DeclaringType!;
        while (type.IsDefined(typeof(CompilerGeneratedAttribute)) && type.DeclaringType is { } outer)
        {
            type = outer;
        }

        var name = type.Name;
        foreach (var suffix in (string[])["Endpoints", "Endpoint"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
