using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Godwit.Server.OpenApi;

/// <summary>
/// The document, rendered once on its first request and kept: the routes cannot change while the
/// server runs, and the framework would otherwise rebuild it for every request.
/// </summary>
internal sealed class OpenApiDocumentCache([FromKeyedServices(OpenApiServiceCollectionExtensions.DocumentName)] IOpenApiDocumentProvider provider)
{
    private readonly Lazy<Task<byte[]>> rendered = new(() => RenderAsync(provider));

    public Task<byte[]> GetAsync(CancellationToken cancellationToken) => rendered.Value.WaitAsync(cancellationToken);

    private static async Task<byte[]> RenderAsync(IOpenApiDocumentProvider provider)
    {
        var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        return Encoding.UTF8.GetBytes(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1));
    }
}
