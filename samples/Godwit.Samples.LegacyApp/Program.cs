using LegacyApp.Pages;
using LegacyApp.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LegacyApp;

/// <summary>
/// The legacy application moving its members to Godwit. <see cref="Build"/> holds all the wiring, so
/// the end-to-end test (tests/Godwit.Samples.Tests) builds this very application with its own
/// configuration and a real port.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var app = Build(args);
        await PrepareDatabaseAsync(app);
        await app.RunAsync();
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
            .AddLogin();
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
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
