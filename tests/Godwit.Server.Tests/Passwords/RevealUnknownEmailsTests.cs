using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Passwords;

/// <summary>With Godwit:Passwords:RevealUnknownEmails, password logins answer as Stytch does.</summary>
public sealed class RevealUnknownEmailsTests : IAsyncLifetime
{
    private GodwitHost host = null!;

    public async ValueTask InitializeAsync() => host = await GodwitHost.StartAsync(new GodwitHostOptions
    {
        Settings = new Dictionary<string, string?> { ["Godwit:Passwords:RevealUnknownEmails"] = "true" },
    });

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_unknown_email_is_email_not_found_and_a_user_without_a_password_is_no_user_password()
    {
        var withoutPassword = ApiCalls.UniqueEmail();
        await host.Client.PostAsync("/v1/users", new { email = withoutPassword });

        var unknown = await host.Client.PostAsync("/v1/passwords/authenticate", new { email = ApiCalls.UniqueEmail(), password = "whatever it is" });
        var none = await host.Client.PostAsync("/v1/passwords/authenticate", new { email = withoutPassword, password = "whatever it is" });

        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (unknown.Status, unknown.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "no_user_password"), (none.Status, none.ErrorType));
    }
}
