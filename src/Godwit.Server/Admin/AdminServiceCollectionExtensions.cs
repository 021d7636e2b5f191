using Godwit.Server.Hosting;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace Godwit.Server.Admin;

internal static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admin console from <c>Godwit:Admin</c>. When it is off, nothing of it is
    /// registered (no MVC, no antiforgery, no route), so the API pays nothing for it.
    /// </summary>
    public static IServiceCollection AddGodwitAdmin(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(AdminOptions.SectionName);
        services.AddValidatedOptions<AdminOptions>(section, options => options.Problem());
        var options = section.Get<AdminOptions>() ?? new AdminOptions();
        if (!options.IsEnabled(environment))
        {
            return services;
        }

        services.AddSingleton<AdminConsole>();
        services.AddScoped<AdminSessions>();
        services.AddSingleton<ConsoleSessionIds>();
        services.AddScoped<CurrentAdmin>();
        services.AddScoped<Overview.OverviewSql>();
        services.AddScoped<Overview.MigrationOverviewQuery>();
        services.AddScoped<Users.UserActions>();
        services.AddRazorPages(pages =>
            {
                pages.RootDirectory = "/Admin";
                pages.Conventions.ConfigureFilter(new AdminPageFilter());
            })
            .ConfigureApplicationPartManager(manager =>
            {
                // Only this assembly's pages: the host (godwit, a test, a bench) may bring parts of its own.
                manager.ApplicationParts.Clear();
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(typeof(AdminConsole).Assembly).GetApplicationParts(typeof(AdminConsole).Assembly))
                {
                    manager.ApplicationParts.Add(part);
                }
            });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AdminCookies.Antiforgery;
            antiforgery.Cookie.Path = AdminConsole.PathPrefix;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            // Always would refuse every plain-HTTP request (a TLS proxy in front without forwarded
            // headers); the token is worthless without the session cookie, which is Secure outside Development.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__antiforgery";
            // AdminHeaders sends DENY, stricter than the SAMEORIGIN antiforgery would add.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }
}

/// <summary>Present in the container when the console is on: its routes are mapped only then.</summary>
internal sealed class AdminConsole
{
    public const string PathPrefix = "/admin";
}
