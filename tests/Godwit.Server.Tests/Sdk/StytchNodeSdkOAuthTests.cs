using System.Diagnostics;
using Godwit.Server.Tests.OAuth;

namespace Godwit.Server.Tests.Sdk;

/// <summary>
/// The official Stytch Node SDK finishing an OAuth login a real browser made through a real OpenID
/// provider: oauth.authenticate with PKCE, the session it started, oauth.attach and
/// users.deleteOAuthRegistration. tests/sdk/oauth.mjs holds the SDK's steps.
/// </summary>
public sealed class StytchNodeSdkOAuthTests(SqliteOAuthGodwit godwit) : IClassFixture<SqliteOAuthGodwit>
{
    [Fact]
    public async Task The_official_stytch_node_sdk_authenticates_an_oauth_login_made_in_a_browser()
    {
        await NodeProject.RequireAsync();
        var (verifier, challenge) = OAuthTestCalls.NewPkce();
        var landing = await godwit.LoginAsync(OAuthTestCalls.VerifiedAccount("sdk"), $"code_challenge={challenge}");
        var start = new ProcessStartInfo("node", "oauth.mjs")
        {
            WorkingDirectory = NodeProject.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["GODWIT_URL"] = godwit.Host.BaseUrl.ToString(),
                ["GODWIT_PROJECT_ID"] = godwit.Host.ProjectId,
                ["GODWIT_SECRET"] = godwit.Host.Secret,
                ["OAUTH_TOKEN"] = landing.Query("token"),
                ["CODE_VERIFIER"] = verifier,
            },
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"oauth.mjs failed ({node.ExitCode}):\n{await errors}");
        Assert.Equal(
            "OK oauth.authenticate oauth.authenticate(replayed) sessions.authenticate oauth.attach users.deleteOAuthRegistration",
            (await output).Trim());
    }
}
