using Godwit.Cli.Tests;
using Godwit.Core.Security;
using Godwit.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Keys;

/// <summary>Outside Development, Godwit will not start without encryption keys or with a guessable API secret, and says so in one line.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private const string ProjectId = "project-live-6a1f0c3e-0000-4000-8000-00000000c0de";
    private const string LongSecret = "secret-live-0123456789abcdef0123456789abcdef";
    private const string NoKeys = "Godwit:EncryptionKeys must be set outside Development: make a key with `godwit keys new` and set it, for example as the environment variable Godwit__EncryptionKeys.";
    private const string ShortSecret = "Godwit:Secret must be at least 32 characters outside Development; generate one with `openssl rand -base64 32`.";

    private readonly string folder = Directory.CreateTempSubdirectory("godwit-refusal-").FullName;

    [Fact]
    public async Task Serve_in_production_without_encryption_keys_prints_one_line_saying_how_to_make_one_and_exits_with_1()
    {
        var run = await ServeAsync(new() { ["Godwit__ProjectId"] = ProjectId, ["Godwit__Secret"] = LongSecret });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(NoKeys, run.Errors.Trim());
        Assert.DoesNotContain("   at ", run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_in_production_with_an_api_secret_under_32_characters_prints_one_line_and_exits_with_1()
    {
        var run = await ServeAsync(new()
        {
            ["Godwit__ProjectId"] = ProjectId,
            ["Godwit__Secret"] = LongSecret[..31],
            ["Godwit__EncryptionKeys"] = EncryptionKey.NewSetting(DateTimeOffset.UtcNow),
        });

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ShortSecret, run.Errors.Trim());
        Assert.DoesNotContain("   at ", run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", NoKeys)]
    [InlineData(" , ", NoKeys)]
    [InlineData("k1", "Godwit:EncryptionKeys: entry 0 must be <id>:<base64 key>, the id 1 to 32 letters, digits, '.', '_' or '-'.")]
    [InlineData("k2:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=,k1:MDEyMzQ1Njc4OWFiY2RlZg==", "Godwit:EncryptionKeys: entry 1 key 'k1' must be the base64 of 32 random bytes.")]
    [InlineData("k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=,k1:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=", "Godwit:EncryptionKeys: the id 'k1' names two keys; each key needs its own id.")]
    public void Missing_malformed_or_ambiguous_keys_are_refused_with_what_is_wrong(string keys, string message)
    {
        var problem = Assert.Throws<ConfigurationProblemException>(() => Build(new() { ["Godwit:EncryptionKeys"] = keys }));

        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void Keys_set_both_as_one_value_and_as_numbered_entries_are_refused()
    {
        var problem = Assert.Throws<ConfigurationProblemException>(() => Build(new()
        {
            ["Godwit:EncryptionKeys"] = EncryptionKey.NewSetting(DateTimeOffset.UtcNow),
            ["Godwit:EncryptionKeys:0"] = EncryptionKey.NewSetting(DateTimeOffset.UtcNow),
        }));

        Assert.StartsWith("Godwit:EncryptionKeys is set both as one value and as numbered entries", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbered_entries_make_a_ring_whose_entry_0_seals_and_every_entry_opens()
    {
        var settings = Enumerable.Range(0, 3).Select(_ => EncryptionKey.NewSetting(DateTimeOffset.UtcNow)).ToList();

        await using var app = Build(settings.Select((s, i) => ($"Godwit:EncryptionKeys:{i}", s)).ToDictionary(p => p.Item1, p => (string?)p.Item2));

        var ring = app.Services.GetRequiredService<ProjectKeys>().Encryption;
        Assert.Equal(settings[0][..13], ring.NewestId);
        Assert.All(settings, s => Assert.NotNull(ring.Open(SealPurpose.Totp, new EncryptionKeyRing([Key(s)], null).Seal(SealPurpose.Totp, "x"u8))));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static EncryptionKey Key(string setting) => EncryptionKey.TryParse(setting, out _)!;

    private WebApplication Build(Dictionary<string, string?> settings) => GodwitApp.Build([], builder =>
    {
        builder.Environment.EnvironmentName = "Production";
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Godwit:ProjectId"] = ProjectId,
            ["Godwit:Secret"] = LongSecret,
            ["Godwit:DataFolder"] = folder,
        });
        builder.Configuration.AddInMemoryCollection(settings);
    });

    private Task<CommandRun> ServeAsync(Dictionary<string, string> environment) =>
        GodwitCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", $"--Godwit:DataFolder={folder}"], new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
}
