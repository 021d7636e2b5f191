using System.Reflection;

namespace LegacyApp.Pages;

/// <summary>
/// <c>GET /site.css</c>: the application's one style sheet, compiled into the assembly so the pages
/// look the same wherever the application runs (the end-to-end test gives it a temporary content root).
/// </summary>
internal static class SiteStyles
{
    public const string Path = "/site.css";

    private static readonly byte[] Css = Read();

    public static RouteHandlerBuilder MapSiteStyles(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Css, "text/css; charset=utf-8");
        });

    private static byte[] Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("LegacyApp.site.css")
            ?? throw new InvalidOperationException("site.css is not embedded in the application.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
