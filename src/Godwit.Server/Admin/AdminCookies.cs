namespace Godwit.Server.Admin;

/// <summary>The console's cookies, scoped to <c>/admin</c> so the API and the application never see them.</summary>
internal static class AdminCookies
{
    public const string Session = "godwit_admin_session";
    public const string Antiforgery = "godwit_admin_antiforgery";

    /// <summary>
    /// The session token itself (stored by Godwit only as a hash): HttpOnly so no script reads it,
    /// SameSite=Strict so no other site's page sends it, Secure outside Development.
    /// </summary>
    public static void SetSession(HttpContext context, string token) =>
        context.Response.Cookies.Append(Session, token, Options(context));

    public static void ClearSession(HttpContext context) => context.Response.Cookies.Delete(Session, Options(context));

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = !context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment(),
        SameSite = SameSiteMode.Strict,
        Path = AdminConsole.PathPrefix,
        IsEssential = true,
    };
}
