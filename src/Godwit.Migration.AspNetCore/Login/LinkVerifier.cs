using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Godwit.Migration.AspNetCore.Login;

/// <summary>
/// Binds a magic link to the browser that asked for it, with PKCE (RFC 7636): the link is sent with
/// the challenge, the verifier stays in this browser's cookie, and Godwit accepts the link only
/// with the verifier. A link forwarded, intercepted or opened by anyone else's browser fails.
/// </summary>
internal static class LinkVerifier
{
    private const string CookieName = ".Godwit.LinkVerifier";

    /// <summary>Stores a fresh verifier in the browser and returns its S256 challenge for the send request.</summary>
    public static string Issue(HttpContext context, TimeSpan lifetime)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(CookieName, verifier, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = lifetime,
            Path = "/",
        });
        return WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>The verifier this browser holds, or null when the link was asked for elsewhere.</summary>
    public static string? Read(HttpContext context) =>
        context.Request.Cookies[CookieName] is { Length: 43 } verifier ? verifier : null;

    public static void Forget(HttpContext context) => context.Response.Cookies.Delete(CookieName);
}
