using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The official Stytch Node SDK (npm "stytch" 14.2.0), unchanged, drives users, magic links,
/// one-time passcodes, TOTPs, sessions and passwords against a real Godwit. tests/sdk/flow.mjs holds the steps.
/// </summary>
public sealed partial class StytchNodeSdkTests
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_official_stytch_node_sdk_logs_in_with_magic_links_and_passcodes()
    {
        await NodeProject.RequireAsync();
        await using var host = await GodwitHost.StartAsync();
        var start = new ProcessStartInfo("node", "flow.mjs")
        {
            WorkingDirectory = NodeProject.Folder,
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
        Assert.Equal("OK users,magic_link,sessions,email_otp,totp,sms_otp,passwords,revoke_and_delete", result);
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

    [GeneratedRegex(@"[?&]token=([A-Za-z0-9_-]+)")]
    private static partial Regex MagicLinkToken();

    [GeneratedRegex(@"[?&]stytch_token_type=reset_password&token=([A-Za-z0-9_-]+)")]
    private static partial Regex ResetToken();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
