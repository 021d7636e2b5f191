using Godwit.Core.Security;
using Godwit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.RedirectUrls;

/// <summary>Godwit:RedirectUrls settings that cannot protect anyone stop the whole server at startup.</summary>
public sealed class RedirectUrlStartupTests
{
    private const string SmtpHost = "Godwit:Email:Smtp:Host";

    [Fact]
    public async Task Production_with_an_empty_list_refuses_to_start_with_one_line_naming_the_setting_while_email_can_be_sent()
    {
        var problem = await StartupProblemAsync("Production", new() { [SmtpHost] = "mail.example.test" });

        Assert.Equal(
            "Godwit:RedirectUrls is empty: outside Development, list the URLs magic links and password reset emails may point to (for example Godwit__RedirectUrls__0=https://app.example.com/authenticate).",
            problem);
    }

    [Fact]
    public async Task Any_environment_but_development_is_held_to_the_same_rule()
    {
        var problem = await StartupProblemAsync("Staging", new() { [SmtpHost] = "mail.example.test" });

        Assert.StartsWith("Godwit:RedirectUrls is empty", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_an_smtp_relay_starts_with_an_empty_list_since_no_link_can_leave()
    {
        Assert.Null(await StartupProblemAsync("Production", []));
    }

    [Fact]
    public async Task Development_with_an_empty_list_starts()
    {
        Assert.Null(await StartupProblemAsync("Development", new() { [SmtpHost] = "mail.example.test" }));
    }

    [Theory]
    [InlineData("http://app.example.com/authenticate", "Godwit:RedirectUrls:0 (http://app.example.com/authenticate) uses http on a host that is not loopback")]
    [InlineData("https://app.example.com/authenticate?next=1", "Godwit:RedirectUrls:0 (https://app.example.com/authenticate?next=1) must be an absolute https URL (http for loopback) without user info, query or fragment")]
    public async Task An_entry_that_cannot_be_matched_safely_stops_startup(string entry, string problem)
    {
        var found = await StartupProblemAsync("Development", new() { ["Godwit:RedirectUrls:0"] = entry });

        Assert.StartsWith(problem, found, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Godwit:MagicLinks:DefaultLoginUrl")]
    [InlineData("Godwit:MagicLinks:DefaultSignupUrl")]
    [InlineData("Godwit:MagicLinks:DefaultInviteUrl")]
    [InlineData("Godwit:Passwords:ResetUrl")]
    public async Task A_default_url_missing_from_the_list_stops_startup_naming_its_setting(string setting)
    {
        var found = await StartupProblemAsync("Production", new()
        {
            [SmtpHost] = "mail.example.test",
            ["Godwit:RedirectUrls:0"] = "https://app.example.com/authenticate",
            [setting] = "https://app.example.com/elsewhere",
        });

        Assert.Equal($"{setting} (https://app.example.com/elsewhere) is not among Godwit:RedirectUrls: add it there.", found);
    }

    [Fact]
    public async Task A_malformed_default_reset_url_stops_startup()
    {
        var found = await StartupProblemAsync("Development", new() { ["Godwit:Passwords:ResetUrl"] = "/reset" });

        Assert.Equal("Godwit:Passwords:ResetUrl must be an absolute http or https URL.", found);
    }

    /// <summary>Builds and starts the real application; the message startup failed with, or null when it started.</summary>
    private static async Task<string?> StartupProblemAsync(string environment, Dictionary<string, string?> settings)
    {
        var folder = Directory.CreateTempSubdirectory("godwit-redirect-startup-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Godwit:ProjectId"] = "project-live-00000000-0000-4000-8000-0000000000aa",
            ["Godwit:Secret"] = "secret-live-redirect-startup-tests-0123456789",
            ["Godwit:EncryptionKeys"] = EncryptionKey.NewSetting(DateTimeOffset.UtcNow),
            ["Godwit:DataFolder"] = folder,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        try
        {
            await using var app = GodwitApp.Build([], builder =>
            {
                builder.Environment.EnvironmentName = environment;
                builder.Configuration.AddInMemoryCollection(all);
                builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
                builder.Logging.ClearProviders();
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            await app.StopAsync(TestContext.Current.CancellationToken);
            return null;
        }
        catch (OptionsValidationException refused)
        {
            return refused.Message;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
