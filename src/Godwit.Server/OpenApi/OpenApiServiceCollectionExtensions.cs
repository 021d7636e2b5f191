using System.Text.Json;
using System.Text.Json.Serialization;
using Godwit.Contracts;
using Microsoft.OpenApi;

namespace Godwit.Server.OpenApi;

internal static class OpenApiServiceCollectionExtensions
{
    public const string DocumentName = "v1";

    /// <summary>
    /// Registers the OpenAPI document when <c>Godwit:OpenApi:Enabled</c> (the default). Nothing is
    /// generated at startup: <see cref="OpenApiDocumentCache"/> builds the document on its first request.
    /// </summary>
    public static IServiceCollection AddGodwitOpenApi(this IServiceCollection services, IConfiguration configuration)
    {
        // The framework's own JSON (the document's schemas, any Results.Json) speaks the wire's
        // dialect: GodwitJsonContext's metadata, snake_case names and numbers only as numbers.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, GodwitJsonContext.Default);
        });

        var reference = ApiReferenceOptions.From(configuration);
        services.AddSingleton(reference);
        if (!reference.Enabled)
        {
            return services;
        }

        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddSchemaTransformer<WrittenFieldsTransformer>();
            options.AddOperationTransformer<OperationTransformer>();
            options.AddDocumentTransformer<DocumentTransformer>();
        });
        services.AddSingleton<OpenApiDocumentCache>();
        return services;
    }
}
