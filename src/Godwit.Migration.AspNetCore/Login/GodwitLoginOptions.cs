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

/// <summary>Options of the login flow that <c>MapGodwitLogin</c> serves.</summary>
public sealed class GodwitLoginOptions
{
    /// <summary>The login page; the code form posts to <c>{LoginPath}/code</c>, magic links land on <c>{LoginPath}/magic-link</c>.</summary>
    public PathString LoginPath { get; set; } = "/login";

    /// <summary>The sign-out page.</summary>
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

    /// <summary>How long a Godwit session, and so the application's cookie, lasts.</summary>
    public int SessionDurationMinutes { get; set; } = 60 * 24 * 7;

    /// <summary>Where people go after logging in when no local return URL was given.</summary>
    public string DefaultReturnUrl { get; set; } = "/";

    /// <summary>The heading and title of the pages.</summary>
    public string Title { get; set; } = "Sign in";

    /// <summary>
    /// A cookie JWT issued longer ago than this is checked with the API even if it has not expired.
    /// Null: until it expires.
    /// </summary>
    public TimeSpan? MaxTokenAge { get; set; }
}
