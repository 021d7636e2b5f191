using Microsoft.AspNetCore.Authentication;

namespace Godwit.Migration.AspNetCore.Authentication;

/// <summary>Options of the <c>Godwit</c> scheme.</summary>
public sealed class GodwitAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// A JWT issued longer ago than this is checked with the API even if it has not expired,
    /// bounding how long a revoked session's JWT is still accepted. Null: until it expires (Stytch's
    /// JWTs live five minutes).
    /// </summary>
    public TimeSpan? MaxTokenAge { get; set; }

    /// <summary>
    /// A cookie to read the JWT from when there is no <c>Authorization: Bearer</c> header, such as
    /// <c>stytch_session_jwt</c>, which Stytch's frontend SDKs set. Null: the header only.
    /// </summary>
    public string? JwtCookieName { get; set; }
}
