using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Godwit.Migration.AspNetCore.Login;

/// <summary>
/// The login flow's pages: plain server-rendered HTML, no script, every field labelled, errors
/// announced (<c>role="alert"</c>) and tied to their field, every form carrying an antiforgery token.
/// </summary>
internal sealed class LoginPages(GodwitLoginOptions options, IAntiforgery antiforgery, HttpContext context)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public IResult Email(string returnUrl, string email = "", string? error = null) => Page(
        $"""
        <p>Enter your email address and we will send you {(options.Method == GodwitLoginMethod.EmailOtp ? "a code" : "a link")} to sign in.</p>
        {Form(options.LoginPath, $"""
            <input type="hidden" name="returnUrl" value="{Html.Encode(returnUrl)}">
            <label for="email">Email address</label>
            {Error("email-error", error)}
            <input id="email" name="email" type="email" autocomplete="email" required autofocus value="{Html.Encode(email)}"{Described("email-error", error)}>
            <button type="submit">Continue</button>
            """)}
        """,
        error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    public IResult Code(string state, string email, string? error = null) => Page(
        $"""
        <p>We sent a six-digit code to <strong>{Html.Encode(email)}</strong>. It expires in a few minutes.</p>
        {Form(options.LoginPath.Add("/code"), $"""
            <input type="hidden" name="state" value="{Html.Encode(state)}">
            <label for="code">Code</label>
            {Error("code-error", error)}
            {CodeInput(error)}
            <button type="submit">Sign in</button>
            """)}
        <p><a href="{Html.Encode(context.Request.PathBase.Add(options.LoginPath))}">Use a different email address</a></p>
        """,
        error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    public IResult LinkSent(string email) => Page(
        $"""
        <p>We sent a sign-in link to <strong>{Html.Encode(email)}</strong>. Open it in this browser to continue.</p>
        <p><a href="{Html.Encode(context.Request.PathBase.Add(options.LoginPath))}">Use a different email address</a></p>
        """);

    /// <summary>
    /// A button between the link and the sign-in: mail scanners fetch links but do not submit
    /// forms, so they cannot spend the single-use token before its owner clicks.
    /// </summary>
    public IResult ConfirmLink(string token) => Page(
        Form(options.LoginPath.Add("/magic-link"), $"""
            <input type="hidden" name="token" value="{Html.Encode(token)}">
            <button type="submit">Continue signing in</button>
            """));

    public IResult LinkFailed(string message) => Page(
        $"""
        {Error("link-error", message)}
        <p><a href="{Html.Encode(context.Request.PathBase.Add(options.LoginPath))}">Send a new link</a></p>
        """,
        StatusCodes.Status400BadRequest);

    public IResult Logout() => Page(
        Form(options.LogoutPath, """<button type="submit">Sign out</button>"""),
        title: "Sign out");

    public IResult Refused(string message) => Page(Error("request-error", message), StatusCodes.Status400BadRequest);

    private string Form(PathString action, string fields)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"""
            <form method="post" action="{Html.Encode(context.Request.PathBase.Add(action))}">
            <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken ?? "")}">
            {fields}
            </form>
            """;
    }

    private static string CodeInput(string? error) =>
        "<input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\" maxlength=\"6\" required autofocus"
        + Described("code-error", error) + ">";

    private static string Error(string id, string? message) =>
        message is null ? "" : $"""<p id="{id}" class="error" role="alert">{Html.Encode(message)}</p>""";

    private static string Described(string id, string? error) => error is null ? "" : $""" aria-describedby="{id}" aria-invalid="true" """.TrimEnd();

    private IResult Page(string body, int status = StatusCodes.Status200OK, string? title = null)
    {
        var heading = Html.Encode(title ?? options.Title);
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(heading).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem;line-height:1.5}")
            .Append("label,input,button{display:block;font:inherit;margin:.25rem 0}input{width:100%;padding:.5rem;box-sizing:border-box}")
            .Append("button{margin-top:1rem;padding:.5rem 1rem}.error{color:#a00000}</style>\n")
            .Append("</head>\n<body>\n<main>\n<h1>").Append(heading).Append("</h1>\n")
            .Append(body)
            .Append("\n</main>\n</body>\n</html>\n")
            .ToString();
        // Pages carry one-time state and antiforgery tokens: never cached, never framed, no script.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
