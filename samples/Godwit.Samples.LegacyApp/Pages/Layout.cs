using System.Text;
using System.Text.Encodings.Web;

namespace LegacyApp.Pages;

/// <summary>The frame of every page of the application: plain HTML, no script, a navigation for signed-in members.</summary>
internal static class Layout
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static IResult Page(HttpContext context, string title, string body)
    {
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append(" · Legacy App</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}")
            .Append("nav a{margin-right:1rem}dl{display:grid;grid-template-columns:max-content auto;gap:.25rem 1rem}dd{margin:0}")
            .Append("table{border-collapse:collapse}th,td{padding:.25rem .75rem;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("code{font-size:.9em}</style>\n")
            .Append("</head>\n<body>\n<header>\n<nav aria-label=\"Main\">")
            .Append("<a href=\"/\">Home</a><a href=\"/migration\">Migration progress</a><a href=\"/logout\">Sign out</a>")
            .Append("</nav>\n</header>\n<main>\n<h1>").Append(Encode(title)).Append("</h1>\n")
            .Append(body)
            .Append("\n</main>\n</body>\n</html>\n")
            .ToString();
        // Pages show who is signed in: never cached, never framed, no script.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }
}
