using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;

namespace LegacyApp.Pages;

/// <summary>
/// The frame of every page of the application, its own and the login library's: the shop's header
/// with its navigation and who is signed in, one style sheet, no script.
/// </summary>
internal static class Layout
{
    /// <summary>The application's name, as its pages and the sign-out button say it.</summary>
    public const string AppName = "Quayside Books";

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A page of the application, never cached (pages show who is signed in).</summary>
    public static IResult Page(HttpContext context, string title, string body)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(Html(context, title, body), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The whole document; also the login library's <c>GodwitLoginOptions.Layout</c>.</summary>
    public static string Html(HttpContext context, string title, string body) => new StringBuilder()
        .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .Append("<title>").Append(Encode(title)).Append(" · ").Append(AppName).Append("</title>\n")
        .Append("<link rel=\"stylesheet\" href=\"").Append(Encode(context.Request.PathBase.Add(SiteStyles.Path))).Append("\">\n")
        .Append("</head>\n<body>\n")
        .Append(Header(context.User))
        .Append("<main>\n<h1>").Append(Encode(title)).Append("</h1>\n")
        .Append(body)
        .Append("\n</main>\n<footer><p>").Append(AppName).Append(" · Secondhand books by the harbour since 2009</p></footer>\n")
        .Append("</body>\n</html>\n")
        .ToString();

    private static string Header(ClaimsPrincipal user)
    {
        var signedIn = user.Identity?.IsAuthenticated == true;
        var navigation = signedIn
            ? "<a href=\"/\">Your account</a><a href=\"/migration\">Migration progress</a>"
            : "";
        var person = signedIn
            ? $"<p class=\"person\">Signed in as <strong id=\"signed-in-as\">{Encode(user.FindFirstValue(ClaimTypes.Email) ?? "a member")}</strong> <a href=\"/logout\">Sign out</a></p>"
            : "<p class=\"person\"><a href=\"/login\">Sign in</a></p>";
        return $"""
            <header class="site">
            <a class="brand" href="/">{AppName}</a>
            <nav aria-label="Main">{navigation}</nav>
            {person}
            </header>

            """;
    }
}
