using System.Globalization;
using System.Security.Claims;
using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;
using Godwit.Migration.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.AspNetCore.Login;

/// <summary>
/// The end of every login: the migration step finds, links or creates the application's user, and
/// the application's cookie is signed in with its id, the Godwit user and session ids, and the
/// session token and JWT kept in the cookie's (encrypted) authentication properties.
/// </summary>
internal static class LoginCompletion
{
    public static async Task<IResult> SignInAsync(HttpContext context, UserWire user, string sessionToken, string sessionJwt, SessionWire? session, string returnUrl)
    {
        var step = context.RequestServices.GetRequiredService<IMigrationStep>();
        var migrated = await step.MigrateAsync(user, context.RequestAborted);

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, migrated.ApplicationUserId) };
        if (session is not null)
        {
            claims.AddRange(SessionPrincipal.ClaimsOf(session));
        }
        else
        {
            claims.Add(new Claim(GodwitClaimTypes.UserId, user.UserId));
        }

        if (user.Emails?.FirstOrDefault(e => e.Verified) is { } email)
        {
            claims.Add(new Claim(ClaimTypes.Email, email.Email));
        }

        var properties = new AuthenticationProperties { IsPersistent = true };
        if (session is not null && DateTimeOffset.TryParse(session.ExpiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
        {
            properties.ExpiresUtc = expires;
        }

        properties.StoreTokens(
        [
            new AuthenticationToken { Name = GodwitAuthenticationDefaults.SessionTokenName, Value = sessionToken },
            new AuthenticationToken { Name = GodwitAuthenticationDefaults.SessionJwtName, Value = sessionJwt },
        ]);
        var identity = new ClaimsIdentity(claims, GodwitAuthenticationDefaults.CookieScheme, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        await context.SignInAsync(GodwitAuthenticationDefaults.CookieScheme, new ClaimsPrincipal(identity), properties);
        return Results.LocalRedirect(returnUrl);
    }
}
