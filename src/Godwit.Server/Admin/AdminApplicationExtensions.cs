using System.Reflection;

namespace Godwit.Server.Admin;

internal static class AdminApplicationExtensions
{
    /// <summary>Maps <c>/admin</c> when the console is on; its routes are not API and stay out of the OpenAPI document.</summary>
    public static void MapGodwitAdmin(this WebApplication app)
    {
        if (app.Services.GetService<AdminConsole>() is null)
        {
            return;
        }

        app.MapGet(AdminConsole.PathPrefix + "/assets/{name}", Asset).ExcludeFromDescription();
        app.MapRazorPages().WithMetadata(new ExcludeFromDescriptionAttribute());
    }

    // Served from the assembly, so the console needs no static-files folder next to the executable.
    private static IResult Asset(string name, HttpContext context)
    {
        if (name is not ("admin.css"))
        {
            return Results.NotFound();
        }

        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Godwit.Admin." + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        AdminHeaders.Apply(context.Response);
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Stream(stream, "text/css; charset=utf-8");
    }
}
