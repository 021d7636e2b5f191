using System.Diagnostics;
using Godwit.Server.Tests.Rbac;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The official Stytch Node SDK against a Godwit with an RBAC policy and impersonation on:
/// rbac.policy, roles on users.create and users.update, impersonation.authenticate, and the SDK's
/// local permission check from the cached policy and the JWT's roles. tests/sdk/impersonation.mjs holds the steps.
/// </summary>
public sealed class StytchNodeSdkImpersonationTests
{
    [Fact]
    public async Task The_official_stytch_node_sdk_impersonates_a_user_and_checks_roles_against_the_policy()
    {
        await NodeProject.RequireAsync();
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Settings = PolicyGodwit.PolicySettings });
        var start = new ProcessStartInfo("node", "impersonation.mjs")
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
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"impersonation.mjs failed ({node.ExitCode}):\n{await errors}");
        Assert.Equal(
            "OK rbac.policy users.roles impersonation.authenticate sessions.authenticateJwtLocal+authorization_check",
            (await output).Trim());
    }
}
