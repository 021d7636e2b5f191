using Microsoft.AspNetCore.Http;

namespace Godwit.Migration.AspNetCore.Login;

/// <summary>How people log in.</summary>
public enum GodwitLoginMethod
{
    /// <summary>A six-digit code by email, typed into the next page.</summary>
    EmailOtp,

    /// <summary>A link by email, opened in the browser.</summary>
    EmailMagicLink,
}

/// <summary>
/// Wraps a login page in the application's layout: returns the whole HTML document for a page
/// titled <paramref name="title"/> whose main content is <paramref name="bodyHtml"/> (already
/// encoded; insert it as is). The page is served with <c>Cache-Control: no-store</c> and a
/// content security policy that allows the site's own style sheets and images but no script.
/// </summary>
public delegate string GodwitLoginLayout(HttpContext context, string title, string bodyHtml);

/// <summary>Options of the login flow that <c>MapGodwitLogin</c> serves.</summary>
public sealed class GodwitLoginOptions
{
    /// <summary>The login page; the code form posts to <c>{LoginPath}/code</c>, magic links land on <c>{LoginPath}/magic-link</c>.</summary>
    public PathString LoginPath { get; set; } = "/login";

    /// <summary>The sign-out page; <c>{LogoutPath}/done</c> confirms a sign-out.</summary>
    public PathString LogoutPath { get; set; } = "/logout";

    /// <summary>Email passcode (the default) or email magic link.</summary>
    public GodwitLoginMethod Method { get; set; } = GodwitLoginMethod.EmailOtp;

    /// <summary>
    /// The absolute URL of <c>{LoginPath}/magic-link</c> as people reach it, put into magic links.
    /// Configured rather than taken from the request's Host header, which a caller controls: a link
    /// pointing at someone else's host would hand them the token. Null: the project's default
    /// redirect URL (Godwit's <c>Godwit:MagicLinks:DefaultLoginUrl</c>, or Stytch's dashboard).
    /// Register the URL as a redirect URL (Godwit's <c>Godwit:RedirectUrls</c>, or Stytch's
    /// dashboard): an unregistered one is refused with <c>no_match_for_provided_magic_link_url</c>.
    /// </summary>
    public Uri? MagicLinkUrl { get; set; }

    /// <summary>
    /// How long an emailed code stays good, sent to Godwit as <c>expiration_minutes</c> and stated on
    /// the code page, so the page and the code can never disagree. Between 1 and 10 (Stytch's bounds).
    /// </summary>
    public int CodeExpirationMinutes { get; set; } = 10;

    /// <summary>
    /// Renders the login pages inside the application's own frame (its header, navigation and style
    /// sheet), given the page's title and its body as HTML. Null: a plain page of the library's own.
    /// </summary>
    public GodwitLoginLayout? Layout { get; set; }

    /// <summary>How long a Godwit session, and so the application's cookie, lasts.</summary>
    public int SessionDurationMinutes { get; set; } = 60 * 24 * 7;

    /// <summary>Where people go after logging in when no local return URL was given.</summary>
    public string DefaultReturnUrl { get; set; } = "/";

    /// <summary>
    /// The application's name as the sign-out pages say it ("Sign out of Acme on this device").
    /// Null: "this application".
    /// </summary>
    public string? ApplicationName { get; set; }

    /// <summary>The heading and title of the pages.</summary>
    public string Title { get; set; } = "Sign in";

    /// <summary>
    /// A cookie JWT issued longer ago than this is checked with the API even if it has not expired.
    /// Null: until it expires.
    /// </summary>
    public TimeSpan? MaxTokenAge { get; set; }

    /// <summary>The first setting that cannot work, or null when the options are usable.</summary>
    internal string? Problem() =>
        CodeExpirationMinutes is < 1 or > 10 ? $"Godwit login: CodeExpirationMinutes must be between 1 and 10, not {CodeExpirationMinutes}."
        : SessionDurationMinutes < 5 ? "Godwit login: SessionDurationMinutes must be at least 5 (Stytch's minimum)."
        : !LoginPath.HasValue || !LogoutPath.HasValue ? "Godwit login: LoginPath and LogoutPath must be set."
        : MagicLinkUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")) ? "Godwit login: MagicLinkUrl must be an absolute http or https URL."
        : null;
}
