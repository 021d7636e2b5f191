using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// With Godwit:Passwords:RevealUnknownEmails, a non-match of the legacy hook answers as Stytch does
/// without a hook: the hook only ever turns a failure into a success.
/// </summary>
public sealed class LegacyHookRevealUnknownEmailsTests : IAsyncLifetime
{
    private LegacySystem legacy = null!;
    private GodwitHost host = null!;

    public async ValueTask InitializeAsync()
    {
        legacy = await LegacySystem.StartAsync();
        host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?>(MigrationGodwit.HookSettings(legacy)) { ["Godwit:Passwords:RevealUnknownEmails"] = "true" },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await legacy.DisposeAsync();
    }

    [Fact]
    public async Task A_non_match_is_email_not_found_for_an_unknown_email_and_no_user_password_for_a_user_without_one()
    {
        var unknown = ApiCalls.UniqueEmail();
        var withoutPassword = ApiCalls.UniqueEmail();
        await host.Client.PostAsync("/v1/users", new { email = withoutPassword });

        var unknownAnswer = await host.Client.PostAsync("/v1/passwords/authenticate", new { email = unknown, password = "not a legacy password" });
        var noPasswordAnswer = await host.Client.PostAsync("/v1/passwords/authenticate", new { email = withoutPassword, password = "not a legacy password" });

        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (unknownAnswer.Status, unknownAnswer.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "no_user_password"), (noPasswordAnswer.Status, noPasswordAnswer.ErrorType));
        Assert.Equal((1, 1), (legacy.PasswordHookCalls(unknown), legacy.PasswordHookCalls(withoutPassword)));
    }
}
