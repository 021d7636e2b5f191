using Scalar.AspNetCore;

namespace Godwit.Server.OpenApi;

internal static class ApiReferenceEndpoints
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>
    /// The OpenAPI document and Scalar's reference at <c>/docs</c>, both public: they describe the
    /// endpoints, never data. Scalar's script is bundled in its package and served from
    /// <c>/docs/scalar.js</c>, so the reference works without internet access.
    /// </summary>
    public static void MapApiReference(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ApiReferenceOptions>().Enabled)
        {
            return;
        }

        app.MapGet(DocumentPath, async (OpenApiDocumentCache document, CancellationToken cancellationToken) =>
            Results.Bytes(await document.GetAsync(cancellationToken), "application/json; charset=utf-8")).ExcludeFromDescription();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("Godwit API")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddPreferredSecuritySchemes(DocumentTransformer.BasicScheme)
            // Nothing fetched from or sent to Scalar's servers: a self-hosted identity service stays self-contained.
            .DisableDefaultFonts()
            .DisableTelemetry())
            .ExcludeFromDescription();
    }
}
