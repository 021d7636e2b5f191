using System.Security.Claims;
using System.Text.Encodings.Web;
using Godwit.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Godwit.Migration.AspNetCore.Authentication;

/// <summary>
/// Authenticates a request by its Godwit session JWT (<c>Authorization: Bearer</c>, or a cookie):
/// locally through the cached JWKS while the JWT is fresh, so a request costs no call; once it is
/// stale (expired, or older than <see cref="GodwitAuthenticationOptions.MaxTokenAge"/>), by
/// <c>POST /v1/sessions/authenticate</c>, which refuses a revoked session and otherwise issues a
/// fresh JWT: written back to the cookie it came from, or sent in the
/// <see cref="GodwitAuthenticationDefaults.RefreshedJwtHeader"/> response header.
/// </summary>
internal sealed partial class GodwitAuthenticationHandler(IOptionsMonitor<GodwitAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, GodwitClient client)
    : AuthenticationHandler<GodwitAuthenticationOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (jwt, fromCookie) = ReadJwt();
        if (string.IsNullOrEmpty(jwt))
        {
            return AuthenticateResult.NoResult();
        }

        Godwit.Client.Sessions.SessionJwtAuthentication authenticated;
        try
        {
            authenticated = await client.Sessions.AuthenticateJwtAsync(jwt, Options.MaxTokenAge, Context.RequestAborted);
        }
        catch (GodwitApiException exception) when (SessionPrincipal.IsRefusal(exception))
        {
            return AuthenticateResult.Fail($"Godwit refused the session: {exception.ErrorType}.");
        }
        catch (Exception exception) when ((exception is GodwitApiException or HttpRequestException or TaskCanceledException) && !Context.RequestAborted.IsCancellationRequested)
        {
            LogStaleJwtUnchecked(Logger, exception);
            return AuthenticateResult.Fail("Godwit is unavailable to check a stale session JWT.");
        }

        if (authenticated.SessionJwt != jwt)
        {
            if (fromCookie)
            {
                // Readable by script, as Stytch's frontend SDKs set it and read it back.
                Response.Cookies.Append(Options.JwtCookieName!, authenticated.SessionJwt, new CookieOptions { HttpOnly = false, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/" });
            }
            else
            {
                Response.Headers[GodwitAuthenticationDefaults.RefreshedJwtHeader] = authenticated.SessionJwt;
            }
        }

        var identity = new ClaimsIdentity(SessionPrincipal.ClaimsOf(authenticated.Session), Scheme.Name, GodwitClaimTypes.UserId, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private (string? Jwt, bool FromCookie) ReadJwt()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return (header[BearerPrefix.Length..].Trim(), false);
        }

        return Options.JwtCookieName is { } name && Request.Cookies.TryGetValue(name, out var cookie) ? (cookie, true) : (null, false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session JWT is stale and Godwit could not be asked about it.")]
    private static partial void LogStaleJwtUnchecked(ILogger logger, Exception exception);
}
