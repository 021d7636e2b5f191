using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Godwit.Core.Security;

namespace Godwit.Cli.Tests.Keys;

/// <summary><c>godwit keys</c>, the real executable: new keys, usage mistakes, and the key Development keeps for itself.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("godwit-keys-cli-").FullName;

    [Fact]
    public async Task Keys_new_prints_one_setting_line_alone_on_standard_output_and_a_new_one_each_time()
    {
        var first = await GodwitCli.RunAsync(["keys", "new"], new Dictionary<string, string>());
        var second = await GodwitCli.RunAsync(["keys", "new"], new Dictionary<string, string>());

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches("^[0-9]{8}-[0-9a-f]{4}:[A-Za-z0-9+/]{43}=\n$", first.Output);
        Assert.NotNull(EncryptionKey.TryParse(first.Output, out _));
        Assert.Contains("first in Godwit:EncryptionKeys", first.Errors, StringComparison.Ordinal);
        Assert.NotEqual(first.Output, second.Output);
    }

    [Theory]
    [InlineData(new[] { "keys" }, 2)]
    [InlineData(new[] { "keys", "rotate" }, 2)]
    [InlineData(new[] { "keys", "new", "extra" }, 2)]
    [InlineData(new[] { "keys", "--help" }, 0)]
    public async Task A_missing_or_unknown_keys_command_shows_the_usage(string[] arguments, int exitCode)
    {
        var run = await GodwitCli.RunAsync(arguments, new Dictionary<string, string>());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains("Usage: godwit keys new", run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Development_adds_an_encryption_key_to_the_project_file_of_an_earlier_version_prints_only_its_id_and_reuses_it()
    {
        // project.json as Godwit wrote it before it had encryption keys.
        var file = Path.Combine(folder, "project.json");
        await File.WriteAllTextAsync(file, """{ "project_id": "project-live-6a1f0c3e-0000-4000-8000-00000000c0de", "secret": "secret-live-development-0123456789abcdef0123" }""", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" };

        var first = await GodwitCli.RunAsync(["keys", "reseal", $"--Godwit:DataFolder={folder}"], environment);
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var stored = JsonNode.Parse(text)!;
        var second = await GodwitCli.RunAsync(["keys", "reseal", $"--Godwit:DataFolder={folder}"], environment);

        var key = stored["encryption_key"]!.GetValue<string>();
        var id = key[..key.IndexOf(':', StringComparison.Ordinal)];
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("project-live-6a1f0c3e-0000-4000-8000-00000000c0de", stored["project_id"]!.GetValue<string>());
        Assert.Equal("secret-live-development-0123456789abcdef0123", stored["secret"]!.GetValue<string>());
        Assert.NotNull(EncryptionKey.TryParse(key, out _));
        Assert.Contains($"\"encryption_key\": \"{key}\"", text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Contains($"Created a development encryption key, {id}", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key[(id.Length + 1)..], first.Output + first.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-live-development", first.Output + first.Errors, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("Created a development", second.Output, StringComparison.Ordinal);
        Assert.Contains($"Sealing under {id}, the newest key.", second.Output, StringComparison.Ordinal);
        Assert.Equal(key, JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!["encryption_key"]!.GetValue<string>());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
