using System.Globalization;
using Godwit.Core.Events;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server.Admin.Overview;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Server.Tests.Totps;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Admin;

/// <summary>
/// An admin in Chromium against a real Godwit and SMTP server: signs in with an emailed code and a
/// TOTP, reads the overview, finds a user, revokes their session, unlocks another. Every page is
/// audited by axe-core, checked at 390 px, and photographed into the test output (and, with
/// GODWIT_CONSOLE_SCREENSHOTS=1, into docs/console).
/// </summary>
public sealed class AdminConsoleBrowserTests
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "admin-console");

    [Fact]
    public async Task An_admin_signs_in_with_an_email_code_and_totp_finds_users_revokes_a_session_and_unlocks_a_user()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Environment = "Development" });
        var admin = await AdminUsers.CreateAsync(host);
        var member = await TotpUsers.LogInAsync(host);
        var locked = await TotpUsers.LogInAsync(host);
        await LockAsync(host, locked.UserId);
        Directory.CreateDirectory(Screenshots);
        await using var browser = await AdminBrowser.StartAsync();

        var start = await browser.GotoAsync(new Uri(host.BaseUrl, "/admin"));
        Assert.EndsWith("/admin/sign-in", Page(start, "url"), StringComparison.Ordinal);
        await browser.CheckAsync(Shot("sign-in"));
        await browser.FillAsync("Email", admin.Email);
        await browser.PressAsync("Email me a code");
        await browser.FillAsync("Code from the email", await host.EmailCodeAsync(admin.Email));
        var second = await browser.PressAsync("Continue");
        Assert.EndsWith("/admin/sign-in/second-factor", Page(second, "url"), StringComparison.Ordinal);
        await browser.CheckAsync(Shot("second-factor"));
        await browser.FillAsync("Six-digit code from your authenticator app", await Otplib.CodeAsync(admin.TotpSecret, DateTimeOffset.UtcNow.AddSeconds(30)));
        var overview = await browser.PressAsync("Sign in");
        Assert.Equal("Migration overview", Page(overview, "heading"));
        await browser.CheckAsync(Shot("overview"));
        var (users, logins) = await CountsAsync(host);
        Assert.Equal(users.ToString("N0", CultureInfo.InvariantCulture), Value(overview, "total-users"));
        Assert.Equal(logins.ToString("N0", CultureInfo.InvariantCulture), Value(overview, "logins-total"));

        await browser.FollowAsync("Users");
        await browser.FillAsync("Email, phone number, user id or external id", member.Email);
        await browser.PressAsync("Find");
        await browser.CheckAsync(Shot("users"));
        var detail = await browser.FollowAsync(member.UserId);
        Assert.Contains(member.SessionId, Page(detail, "text"), StringComparison.Ordinal);
        await browser.CheckAsync(Shot("user"));
        var revoked = await browser.PressAsync("Revoke session " + member.SessionId);
        Assert.Contains("The session was revoked.", revoked["page"]!["notices"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("No live session.", Value(revoked, "no-sessions"));

        var lockedPage = await browser.GotoAsync(new Uri(host.BaseUrl, "/admin/users/" + locked.UserId));
        Assert.StartsWith("locked until", Value(lockedPage, "lock-state"), StringComparison.Ordinal);
        var unlocked = await browser.PressAsync("Unlock");
        Assert.Equal("not locked", Value(unlocked, "lock-state"));

        await browser.FollowAsync("Operations");
        await browser.CheckAsync(Shot("operations"));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        var cancellationToken = TestContext.Current.CancellationToken;
        Assert.False(await db.Set<Session>().AnyAsync(s => s.SessionId == member.SessionId, cancellationToken));
        Assert.Null((await db.Set<User>().AsNoTracking().SingleAsync(u => u.UserId == locked.UserId, cancellationToken)).LockExpiresAt);
        var byAdmin = await db.Set<GodwitEvent>().AsNoTracking().Where(e => e.ActorType == EventActor.AdminType && e.ActorId == admin.UserId).Select(e => e.Type).ToListAsync(cancellationToken);
        Assert.Contains(EventTypes.SessionRevoked, byAdmin);
        Assert.Contains(EventTypes.UserUnlocked, byAdmin);
        Assert.Contains(EventTypes.AdminSignedIn, byAdmin);
        PublishScreenshots();
    }

    private static async Task LockAsync(GodwitHost host, string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserStore>();
        var user = (await users.FindAsync(userId, TestContext.Current.CancellationToken))!;
        user.LockCreatedAt = DateTime.UtcNow;
        user.LockExpiresAt = DateTime.UtcNow.AddHours(1);
        Assert.Null(await users.SaveAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>What the overview should show, counted straight from the tables.</summary>
    private static async Task<(long Users, long Logins)> CountsAsync(GodwitHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        var since = DateTime.UtcNow.Date.AddDays(-(MigrationOverviewQuery.WindowDays - 1));
        var cancellationToken = TestContext.Current.CancellationToken;
        return (
            await db.Set<User>().LongCountAsync(cancellationToken),
            await db.Set<GodwitEvent>().LongCountAsync(e => e.Type == EventTypes.LoginSucceeded && e.OccurredAt >= since, cancellationToken));
    }

    private static string Shot(string name) => Path.Combine(Screenshots, name + ".png");

    private static string Page(System.Text.Json.Nodes.JsonObject answer, string field) => answer["page"]![field]!.GetValue<string>();

    private static string Value(System.Text.Json.Nodes.JsonObject answer, string id) =>
        answer["page"]!["values"]![id]?.GetValue<string>() ?? throw new InvalidOperationException($"#{id} not on {answer["page"]!["url"]}");

    /// <summary>docs/console.md shows these; a run with GODWIT_CONSOLE_SCREENSHOTS=1 refreshes them.</summary>
    private static void PublishScreenshots()
    {
        if (Environment.GetEnvironmentVariable("GODWIT_CONSOLE_SCREENSHOTS") != "1")
        {
            return;
        }

        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Godwit.slnx")))
        {
            folder = folder.Parent;
        }

        var docs = Path.Combine(folder!.FullName, "docs", "console");
        Directory.CreateDirectory(docs);
        foreach (var file in Directory.GetFiles(Screenshots, "*.png"))
        {
            File.Copy(file, Path.Combine(docs, Path.GetFileName(file)), overwrite: true);
        }
    }
}
