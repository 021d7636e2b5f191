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

    /// <summary>
    /// The code form. <paramref name="notice"/> confirms a new code was sent; <paramref name="resendError"/>
    /// says why it was not (a send limit), tied to the resend button rather than the code field.
    /// </summary>
    public IResult Code(string state, string email, string? error = null, string? notice = null, string? resendError = null, int? status = null) => Page(
        $"""
        <p>We sent a six-digit code to <strong>{Html.Encode(email)}</strong>. {Html.Encode(Lifetime(options.CodeExpirationMinutes))}</p>
        {(notice is null ? "" : $"""<p id="code-notice" class="notice" role="status">{Html.Encode(notice)}</p>""")}
        {Form(options.LoginPath.Add("/code"), $"""
            <input type="hidden" name="state" value="{Html.Encode(state)}">
            <label for="code">Code</label>
            {Error("code-error", error)}
            {CodeInput(error)}
            <button type="submit">Sign in</button>
            """)}
        {Form(options.LoginPath.Add("/code/resend"), $"""
            <input type="hidden" name="state" value="{Html.Encode(state)}">
            {Error("resend-error", resendError)}
            <button type="submit" class="secondary"{Described("resend-error", resendError)}>Send a new code</button>
            """)}
        <p><a href="{Html.Encode(context.Request.PathBase.Add(options.LoginPath))}">Use a different email address</a></p>
        """,
        status ?? (error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest));

    /// <summary>The code's real lifetime, from the value sent to Godwit as <c>expiration_minutes</c>.</summary>
    internal static string Lifetime(int minutes) =>
        minutes == 1 ? "The code expires in 1 minute." : $"The code expires in {minutes} minutes.";

    /// <summary>
    /// Godwit could not be reached or failed: a page in the application's look, with status 503, a
    /// button repeating the step the person took (their posted fields, with a fresh antiforgery
    /// token) and a link to start over.
    /// </summary>
    public IResult Unavailable()
    {
        var request = context.Request;
        var retry = "";
        if (request.HasFormContentType && request.Form is { Count: > 0 } posted)
        {
            var tokenField = antiforgery.GetAndStoreTokens(context).FormFieldName;
            var fields = string.Concat(posted
                .Where(field => field.Key != tokenField)
                .SelectMany(field => field.Value.Select(value => $"""<input type="hidden" name="{Html.Encode(field.Key)}" value="{Html.Encode(value ?? "")}">""" + "\n")));
            retry = Form(request.Path, fields + """<button type="submit">Try again</button>""");
        }

        context.Response.Headers.RetryAfter = "30";
        return Page(
            $"""
            <p id="unavailable" role="alert">The sign-in service is unavailable at the moment, so you cannot sign in right now. Nothing you did caused this. Please try again in a minute.</p>
            {retry}
            <p><a href="{Html.Encode(request.PathBase.Add(options.LoginPath))}">Start signing in again</a></p>
            """,
            StatusCodes.Status503ServiceUnavailable,
            "Sign-in is unavailable");
    }

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

    /// <summary>Says what signing out does: this device only; the person's other devices stay signed in.</summary>
    public IResult Logout() => Page(
        $"""
        <p>This ends your session in this browser. Your other devices stay signed in.</p>
        {Form(options.LogoutPath, $"""<button type="submit">Sign out of {Html.Encode(ApplicationName)} on this device</button>""")}
        """,
        title: "Sign out");

    public IResult SignedOut() => Page(
        $"""
        <p id="signed-out" role="status">You signed out of {Html.Encode(ApplicationName)} on this device.</p>
        <p><a href="{Html.Encode(context.Request.PathBase.Add(options.LoginPath))}">Sign in again</a></p>
        """,
        title: "You are signed out");

    private string ApplicationName => options.ApplicationName ?? "this application";

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
        var heading = title ?? options.Title;
        var html = options.Layout is { } layout ? layout(context, heading, body) : OwnPage(Html.Encode(heading), body);
        // Pages carry one-time state and antiforgery tokens: never cached, never framed, no script.
        // The site's own style sheets and images are allowed, for pages in the application's layout.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string OwnPage(string heading, string body) => new StringBuilder()
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
}
