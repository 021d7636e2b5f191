namespace Godwit.Migration.AspNetCore.Authentication;

/// <summary>Scheme, claim and token names the integration uses.</summary>
public static class GodwitAuthenticationDefaults
{
    /// <summary>The scheme that authenticates requests by a Godwit session JWT.</summary>
    public const string AuthenticationScheme = "Godwit";

    /// <summary>The application's cookie, signed in by the login flow.</summary>
    public const string CookieScheme = "Godwit.Cookies";

    /// <summary>The name under which the cookie's authentication properties keep the session token.</summary>
    public const string SessionTokenName = "godwit_session_token";

    /// <summary>The name under which the cookie's authentication properties keep the session JWT.</summary>
    public const string SessionJwtName = "godwit_session_jwt";

    /// <summary>The response header carrying a fresh JWT after a stale bearer JWT was exchanged.</summary>
    public const string RefreshedJwtHeader = "Godwit-Session-Jwt";
}

/// <summary>Claim types the integration issues, beside <c>ClaimTypes.NameIdentifier</c> (the application's user id).</summary>
public static class GodwitClaimTypes
{
    /// <summary>The Godwit user id.</summary>
    public const string UserId = "godwit_user_id";

    /// <summary>The Godwit session id.</summary>
    public const string SessionId = "godwit_session_id";
}
