using System.Net;
using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace Godwit.Server.Http;

/// <summary>
/// <c>GET /errors</c>: the error reference every <c>error_url</c> points into, one anchor per
/// <c>error_type</c> of <see cref="ErrorTypes"/>, rendered once. Public and outside the OpenAPI
/// document (it is a page for people, not API). It holds nothing from the request, so any cache may
/// keep it; it loads nothing from elsewhere and runs no script.
/// </summary>
internal static class ErrorReferencePage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        + "section{border-top:1px solid #ccc;padding:.5rem 0}section:target{background:#fff6d5}"
        + "h2{font-size:1.1rem;margin:.5rem 0}h2 a{color:inherit}.status{font-weight:600}";

    private static readonly Lazy<byte[]> Html = new(() => Encoding.UTF8.GetBytes(Render()));

    /// <summary>The only style the page may apply is its own block, pinned by hash; nothing else loads.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void MapErrorReference(this IEndpointRouteBuilder app) =>
        app.MapGet(ErrorReference.PagePath, (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Html.Value, "text/html; charset=utf-8");
        }).ExcludeFromDescription();

    private static string Render()
    {
        var page = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Godwit error reference</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>Godwit error reference</h1>\n")
            .Append("<p>Every error answer of Godwit's API is JSON in Stytch's shape: <code>status_code</code>, ")
            .Append("<code>request_id</code>, <code>error_type</code>, <code>error_message</code> and <code>error_url</code>, ")
            .Append("a link to the entry below for its <code>error_type</code>. Where Godwit answers with one of Stytch's types, ")
            .Append("it means what it means at Stytch. The message in the answer says what was wrong with this request; ")
            .Append("the messages below are those Godwit gives the type.</p>\n");
        foreach (var entry in ErrorTypes.All)
        {
            Append(page, entry);
        }

        return page.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void Append(StringBuilder page, ErrorTypeEntry entry)
    {
        var type = WebUtility.HtmlEncode(entry.ErrorType);
        page.Append("<section id=\"").Append(type).Append("\">\n<h2><a href=\"#").Append(type).Append("\"><code>")
            .Append(type).Append("</code></a></h2>\n<p class=\"status\">HTTP ")
            .Append(string.Join(", ", entry.StatusCodes.Select(status => $"{status} {ReasonPhrases.GetReasonPhrase(status)}")))
            .Append("</p>\n<p>What it means:</p>\n<ul>\n");
        foreach (var message in entry.Messages)
        {
            page.Append("<li>").Append(WebUtility.HtmlEncode(message)).Append("</li>\n");
        }

        page.Append("</ul>\n");
        foreach (var status in entry.StatusCodes)
        {
            page.Append("<p>What to do").Append(entry.StatusCodes.Count > 1 ? $" ({status})" : "").Append(": ")
                .Append(WebUtility.HtmlEncode(Remedy(status))).Append("</p>\n");
        }

        page.Append("</section>\n");
    }

    private static string Remedy(int status) => status switch
    {
        400 => "correct the request as the message says; sent again unchanged, it gets the same answer.",
        401 => "the credentials, token or code were not accepted: check the project id and secret, or what the user gave; an expired or used token or code needs a new one.",
        403 => "the request is well formed but not allowed: change the configuration, or the user's roles, as the message says.",
        404 => "what the request names does not exist, or no longer: check the id or token, or the method and path.",
        405 => "use the method the API reference gives this path.",
        413 => $"send a smaller body: Godwit accepts at most {GodwitApp.MaxRequestBodyBytes / 1024} KiB.",
        429 => "wait for the number of seconds in the Retry-After header, then retry.",
        500 => "the fault is Godwit's, not the request's: the answer's request_id finds it in the server log. Retrying may succeed.",
        503 => "Godwit, or a service it depends on, cannot answer right now: retry later, after the Retry-After header's wait when the answer has one.",
        _ => "see the message.",
    };
}
