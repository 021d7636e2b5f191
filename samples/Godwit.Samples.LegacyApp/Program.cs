using LegacyApp.Pages;
using LegacyApp.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LegacyApp;

/// <summary>
/// Quayside Books, a shop's member site moving its members to Godwit. <see cref="Build"/> holds all
/// the wiring, so the end-to-end test (tests/Godwit.Samples.Tests) builds this very application with
/// its own configuration and a real port.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var app = Build(args);
        // Settings first, before the database is touched: a missing or wrong one is one line, not a stack trace.
        if (StartupSettings.Problem(app) is { } problem)
        {
            await Console.Error.WriteLineAsync($"{Layout.AppName} cannot start: {problem}");
            return 1;
        }

        await PrepareDatabaseAsync(app);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The application, configured by appsettings.json, the environment and <paramref name="args"/>.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var databasePath = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["LegacyApp:DatabasePath"] ?? "data/legacy-app.db");
        builder.Services.AddDbContext<AppDbContext>(o => o.UseSqlite(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString()));

        // ProjectId, Secret and BaseUrl of the Godwit server.
        builder.Services.AddGodwitClient(builder.Configuration.GetSection("Godwit"));

        builder.Services.AddGodwitMigration<AppUser>()
            .UseEntityFrameworkCore<AppUser, AppDbContext>(users =>
            {
                users.GodwitUserId = u => u.GodwitUserId;
                users.Email = u => u.Email;
                users.CreateUser = godwit =>
                {
                    // People sign in here by email code only, so a Godwit user always has a verified email.
                    var email = godwit.Emails.First(e => e.Verified).Email;
                    return new AppUser { Email = email, DisplayName = godwit.Name.FirstName is { Length: > 0 } name ? name : email.Split('@')[0] };
                };
            })
            .AddLogin(login =>
            {
                // The sign-in pages, the "unavailable" page included, wear the shop's own header and styles.
                login.Layout = Layout.Html;
                login.ApplicationName = Layout.AppName;
                login.Title = $"Sign in to {Layout.AppName}";
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSiteStyles();
        app.MapGodwitLogin();
        app.MapHomePage();
        app.MapMigrationProgressPage();
        return app;
    }

    /// <summary>Applies the database migrations and seeds a new database with the members the application had before Godwit.</summary>
    public static Task PrepareDatabaseAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return AppDatabase.PrepareAsync(app.Services, cancellationToken);
    }
}
