using Godwit.Client;
using Godwit.Client.Sessions;
using Godwit.Contracts.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Godwit.Migration.AspNetCore.Authentication;

/// <summary>
/// Ties the application's cookie to the Godwit session it was issued for. On each request the
/// session JWT kept in the cookie is checked locally (no call while it is fresh); a stale one is
/// exchanged through <c>/v1/sessions/authenticate</c> for a fresh one, renewing the cookie; a
/// session Godwit refuses (revoked, expired) signs the cookie out. Godwit being unreachable leaves
/// the cookie in place but does not authenticate the request.
/// </summary>
internal static partial class CookieSessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, TimeSpan? maxTokenAge)
    {
        var jwt = context.Properties.GetTokenValue(GodwitAuthenticationDefaults.SessionJwtName);
        var token = context.Properties.GetTokenValue(GodwitAuthenticationDefaults.SessionTokenName);
        if (string.IsNullOrEmpty(jwt) && string.IsNullOrEmpty(token))
        {
            await RefuseAsync(context);
            return;
        }

        var services = context.HttpContext.RequestServices;
        var client = services.GetRequiredService<GodwitClient>();
        var cancellationToken = context.HttpContext.RequestAborted;
        try
        {
            if (!string.IsNullOrEmpty(jwt)
                && (await client.Sessions.AuthenticateJwtLocalAsync(jwt, maxTokenAge, cancellationToken)).Status == SessionJwtStatus.Valid)
            {
                return;
            }

            // The token when there is one: it works even after the JWT's signing key is retired.
            var answer = await client.Sessions.AuthenticateAsync(
                string.IsNullOrEmpty(token) ? new AuthenticateSessionRequest { SessionJwt = jwt } : new AuthenticateSessionRequest { SessionToken = token },
                cancellationToken);
            if (!context.Properties.UpdateTokenValue(GodwitAuthenticationDefaults.SessionJwtName, answer.SessionJwt))
            {
                var tokens = context.Properties.GetTokens().ToList();
                tokens.Add(new AuthenticationToken { Name = GodwitAuthenticationDefaults.SessionJwtName, Value = answer.SessionJwt });
                context.Properties.StoreTokens(tokens);
            }

            context.ShouldRenew = true;
        }
        catch (GodwitApiException exception) when (SessionPrincipal.IsRefusal(exception))
        {
            await RefuseAsync(context);
        }
        catch (Exception exception) when ((exception is GodwitApiException or HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            // Fetching the JWKS or asking about the session failed: that says nothing about the session.
            LogStaleCookieUnchecked(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CookieSessionValidation)), exception);
            context.RejectPrincipal();
        }
    }

    private static async Task RefuseAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Godwit could not be asked about the session of a stale cookie; the request stays anonymous.")]
    private static partial void LogStaleCookieUnchecked(ILogger logger, Exception exception);
}
