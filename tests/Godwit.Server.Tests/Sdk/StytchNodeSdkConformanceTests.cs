using System.Diagnostics;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The official Stytch Node SDK, unchanged, sees Stytch's answers where Godwit once differed: Create
/// User without an email or phone number, and breached passwords at create and reset
/// (tests/sdk/conformance.mjs holds the steps).
/// </summary>
public sealed class StytchNodeSdkConformanceTests
{
    [Fact]
    public async Task The_official_stytch_node_sdk_gets_stytchs_errors_for_an_addressless_user_and_a_breached_password()
    {
        await NodeProject.RequireAsync();
        await using var host = await GodwitHost.StartAsync();
        var start = new ProcessStartInfo("node", "conformance.mjs")
        {
            WorkingDirectory = NodeProject.Folder,
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"conformance.mjs failed ({node.ExitCode}):\n{await errors}");
        Assert.Equal("OK conformance", (await output).Trim());
    }
}
