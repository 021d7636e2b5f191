using System.Diagnostics;
using Godwit.Server.Tests.Rbac;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The official Stytch Node SDK against a Godwit with an RBAC policy: roles through passwords.migrate,
/// sessions.authenticate with authorization_check (verdict, and 403 consumer_session_authorization_error),
/// and the SDK's local check agreeing with the server's. tests/sdk/authz.mjs holds the steps.
/// </summary>
public sealed class StytchNodeSdkAuthorizationTests
{
    [Fact]
    public async Task The_official_stytch_node_sdk_checks_a_sessions_permission_on_the_server_and_migrates_roles()
    {
        await NodeProject.RequireAsync();
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Settings = PolicyGodwit.PolicySettings });
        var start = new ProcessStartInfo("node", "authz.mjs")
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

        Assert.True(node.ExitCode == 0, $"authz.mjs failed ({node.ExitCode}):\n{await errors}");
        Assert.Equal(
            "OK passwords.migrate+roles sessions.authenticate+authorization_check sessions.authenticateJwtLocal+authorization_check",
            (await output).Trim());
    }
}
