using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The official Stytch Node SDK (npm "stytch" 14.2.0), unchanged, drives users, magic links,
/// one-time passcodes, sessions and passwords against a real Godwit. tests/sdk/flow.mjs holds the steps.
/// </summary>
public sealed partial class StytchNodeSdkTests
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_official_stytch_node_sdk_logs_in_with_magic_links_and_passcodes()
    {
        var sdkFolder = Path.Combine(RepositoryRoot(), "tests", "sdk");
        if (!await CommandExistsAsync("node") || !await CommandExistsAsync("npm"))
        {
            Assert.Skip("Node.js and npm are not installed on this machine.");
        }

        await EnsurePackagesAsync(sdkFolder);
        await using var host = await GodwitHost.StartAsync();
        var start = new ProcessStartInfo("node", "flow.mjs")
        {
            WorkingDirectory = sdkFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["GODWIT_URL"] = host.BaseUrl.ToString(),
                ["GODWIT_PROJECT_ID"] = host.ProjectId,
                ["GODWIT_SECRET"] = host.Secret,
            },
        };
        using var node = Process.Start(start)!;
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(FlowTimeout);

        string? result = null;
        while (await node.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var parts = line.Split(' ', 2);
            var answer = parts[0] switch
            {
                "NEED_MAGIC_LINK" => MagicLinkToken().Match((await host.Smtp.WaitForMessageAsync(parts[1], TimeSpan.FromSeconds(20))).TextBody!).Groups[1].Value,
                "NEED_RESET_LINK" => ResetToken().Match((await host.Smtp.WaitForMessageAsync(parts[1], TimeSpan.FromSeconds(20))).TextBody!).Groups[1].Value,
                "NEED_EMAIL_OTP" => SixDigits().Match((await host.Smtp.WaitForMessageAsync(parts[1], TimeSpan.FromSeconds(20))).TextBody!).Value,
                "NEED_SMS_OTP" => SixDigits().Match(await WaitForSmsAsync(host, parts[1])).Value,
                "OK" => null,
                _ => null,
            };
            if (parts[0] == "OK")
            {
                result = line;
            }
            else if (answer is not null)
            {
                await node.StandardInput.WriteLineAsync(answer);
                await node.StandardInput.FlushAsync(timeout.Token);
            }
        }

        await node.WaitForExitAsync(timeout.Token);
        var stderr = await errors;
        Assert.True(node.ExitCode == 0, $"flow.mjs failed ({node.ExitCode}):\n{stderr}");
        Assert.Equal("OK users,magic_link,sessions,email_otp,sms_otp,passwords,revoke_and_delete", result);
    }

    private static async Task<string> WaitForSmsAsync(GodwitHost host, string phone)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var request in host.Sms.Requests)
            {
                using var body = JsonDocument.Parse(request.Body);
                if (body.RootElement.GetProperty("to").GetString() == phone)
                {
                    return body.RootElement.GetProperty("body").GetString()!;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No SMS reached the webhook for {phone}.");
    }

    private static async Task EnsurePackagesAsync(string sdkFolder)
    {
        if (File.Exists(Path.Combine(sdkFolder, "node_modules", "stytch", "package.json")))
        {
            return;
        }

        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = sdkFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(npm.ExitCode == 0, $"npm ci failed in {sdkFolder}:\n{await output}\n{await errors}");
    }

    private static async Task<bool> CommandExistsAsync(string command)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Godwit.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Godwit.slnx not found above the test binaries.");
    }

    [GeneratedRegex(@"[?&]token=([A-Za-z0-9_-]+)")]
    private static partial Regex MagicLinkToken();

    [GeneratedRegex(@"[?&]stytch_token_type=reset_password&token=([A-Za-z0-9_-]+)")]
    private static partial Regex ResetToken();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
