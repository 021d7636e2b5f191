using Godwit.Core.Security;
using Godwit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.Legacy;

/// <summary>A cut-over date Godwit cannot act on stops the whole server at startup, in one line naming the setting.</summary>
public sealed class LegacyAuthorityStartupTests
{
    private const string Until = "Godwit:Migration:LegacyAuthoritativeUntil";

    [Theory]
    [InlineData("2026-09-01T00:00:00", "Godwit:Migration:LegacyAuthoritativeUntil must be a UTC date-time such as 2026-09-01T00:00:00Z, not '2026-09-01T00:00:00'.")]
    [InlineData("1 September 2026", "Godwit:Migration:LegacyAuthoritativeUntil must be a UTC date-time such as 2026-09-01T00:00:00Z, not '1 September 2026'.")]
    public async Task A_cut_over_without_its_UTC_Z_refuses_to_start(string until, string problem)
    {
        var found = await StartupProblemAsync(new()
        {
            ["Godwit:Migration:LegacyPasswordHook"] = "https://legacy.example.test/hook",
            ["Godwit:Migration:LegacyPasswordHookSecret"] = LegacySystem.PasswordHookSecret,
            [Until] = until,
        });

        Assert.Equal(problem, found);
    }

    [Fact]
    public async Task A_cut_over_without_a_password_hook_refuses_to_start()
    {
        var found = await StartupProblemAsync(new() { [Until] = "2026-09-01T00:00:00Z" });

        Assert.Equal("Godwit:Migration:LegacyAuthoritativeUntil needs LegacyPasswordHook: until that date the password hook is asked at every password login.", found);
    }

    [Fact]
    public async Task A_cut_over_that_has_passed_starts_so_a_restart_after_it_needs_no_change()
    {
        var found = await StartupProblemAsync(new()
        {
            ["Godwit:Migration:LegacyPasswordHook"] = "https://legacy.example.test/hook",
            ["Godwit:Migration:LegacyPasswordHookSecret"] = LegacySystem.PasswordHookSecret,
            [Until] = "2001-01-01T00:00:00Z",
        });

        Assert.Null(found);
    }

    /// <summary>Builds and starts the real application; the message startup failed with, or null when it started.</summary>
    private static async Task<string?> StartupProblemAsync(Dictionary<string, string?> settings)
    {
        var folder = Directory.CreateTempSubdirectory("godwit-legacy-startup-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Godwit:ProjectId"] = "project-live-00000000-0000-4000-8000-0000000000ab",
            ["Godwit:Secret"] = "secret-live-legacy-startup-tests-0123456789",
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
                builder.Environment.EnvironmentName = "Development";
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
