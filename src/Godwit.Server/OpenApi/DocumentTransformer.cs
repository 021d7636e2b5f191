using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Godwit.Server.OpenApi;

/// <summary>The document's title, the project's Basic credential as a security scheme, and the tags its operations use.</summary>
internal sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BasicScheme = "project_basic";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Godwit API",
            Version = "v1",
            Description = "Stytch's consumer API v1, served by Godwit. Backend routes take HTTP Basic auth with project_id:secret; "
                + "every answer carries request_id and status_code, and every error error_type, error_message and error_url.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "The project id as the user name, the project secret as the password.",
        };

        // Operations name their tag (OperationTransformer); the document lists each once, sorted.
        var tags = document.Paths.Values
            .SelectMany(path => path.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(tags.Select(name => new OpenApiTag { Name = name }));
        return Task.CompletedTask;
    }
}
