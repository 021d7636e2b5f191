using Godwit.Migration.AspNetCore.Authentication;
using Godwit.Migration.AspNetCore.Login;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the login flow to <c>AddGodwitMigration</c>.</summary>
public static class LoginServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <c>app.MapGodwitLogin()</c> needs: the application's cookie
    /// (<see cref="GodwitAuthenticationDefaults.CookieScheme"/>, the default scheme, tied to the Godwit
    /// session), the <c>Godwit</c> session-JWT scheme, and antiforgery. Needs <c>AddGodwitClient</c>.
    /// </summary>
    public static AuthenticationBuilder AddLogin<TUser>(this GodwitMigrationBuilder<TUser> builder, Action<GodwitLoginOptions>? configure = null)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GodwitLoginOptions>().Configure(configure ?? (_ => { })).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GodwitLoginOptions>, LoginOptionsValidator>());
        services.AddAntiforgery();
        services.AddOptions<CookieAuthenticationOptions>(GodwitAuthenticationDefaults.CookieScheme)
            .Configure<IOptions<GodwitLoginOptions>>((cookie, login) =>
            {
                var options = login.Value;
                cookie.LoginPath = options.LoginPath;
                cookie.LogoutPath = options.LogoutPath;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionDurationMinutes);
                cookie.SlidingExpiration = false;
                cookie.Cookie.Name = ".Godwit.Session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Events.OnValidatePrincipal = context => CookieSessionValidation.ValidateAsync(context, options.MaxTokenAge);
            });
        return services.AddAuthentication(GodwitAuthenticationDefaults.CookieScheme)
            .AddCookie(GodwitAuthenticationDefaults.CookieScheme)
            .AddGodwit();
    }
}
