using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The official Stytch Node SDK, unchanged, drives embeddable magic links, WhatsApp passcodes and
/// the primary factor exchange against a real Godwit. tests/sdk/consumer-endpoints.mjs holds the steps.
/// </summary>
public sealed partial class StytchNodeSdkConsumerEndpointTests
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_official_stytch_node_sdk_creates_embeddable_links_sends_whatsapp_codes_and_exchanges_a_primary_factor()
    {
        await NodeProject.RequireAsync();
        await using var host = await GodwitHost.StartAsync();
        var start = new ProcessStartInfo("node", "consumer-endpoints.mjs")
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
            if (parts[0] == "NEED_WHATSAPP_OTP")
            {
                var (channel, text) = await WaitForTextAsync(host, parts[1]);
                await node.StandardInput.WriteLineAsync($"{channel} {SixDigits().Match(text).Value}");
                await node.StandardInput.FlushAsync(timeout.Token);
            }
            else if (parts[0] == "OK")
            {
                result = line;
            }
        }

        await node.WaitForExitAsync(timeout.Token);
        var stderr = await errors;
        Assert.True(node.ExitCode == 0, $"consumer-endpoints.mjs failed ({node.ExitCode}):\n{stderr}");
        Assert.Equal("OK embeddable_magic_link,whatsapp_otp,exchange_primary_factor", result);
    }

    /// <summary>The channel and text of the first message the SMS webhook received for the phone.</summary>
    private static async Task<(string Channel, string Text)> WaitForTextAsync(GodwitHost host, string phone)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var request in host.Sms.Requests)
            {
                using var body = JsonDocument.Parse(request.Body);
                if (body.RootElement.GetProperty("to").GetString() == phone)
                {
                    return (body.RootElement.GetProperty("channel").GetString()!, body.RootElement.GetProperty("body").GetString()!);
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No message reached the SMS webhook for {phone}.");
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
