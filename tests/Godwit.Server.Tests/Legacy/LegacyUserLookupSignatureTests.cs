using System.Net;
using System.Text.Json.Nodes;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// The legacy system tells Godwit's lookups from anyone else's by their signature: a Godwit that
/// signs under another secret (as anyone without the secret must) is refused, and gets nothing.
/// </summary>
public sealed class LegacyUserLookupSignatureTests : IAsyncLifetime
{
    private LegacySystem legacy = null!;
    private GodwitHost host = null!;

    public async ValueTask InitializeAsync()
    {
        legacy = await LegacySystem.StartAsync();
        host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?>(MigrationGodwit.LookupSettings(legacy))
            {
                // The password hook's secret: a valid secret, but not the lookup hook's.
                ["Godwit:Migration:LegacyUserLookupHookSecret"] = LegacySystem.PasswordHookSecret,
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await legacy.DisposeAsync();
    }

    [Fact]
    public async Task A_lookup_signed_under_another_secret_is_refused_by_the_legacy_system_and_creates_nobody()
    {
        var email = ApiCalls.UniqueEmail();
        legacy.AddLookupPerson(email, new JsonObject { ["email_verified"] = true, ["name"] = new JsonObject { ["first_name"] = "Ada" } });

        var reset = await host.Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = "https://app.example/reset" });
        var signup = await host.Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });

        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (reset.Status, reset.ErrorType));
        Assert.Equal(HttpStatusCode.OK, signup.Status);
        var user = (await host.Client.GetJsonAsync($"/v1/users/{signup.Text("user_id")}")).Body;
        Assert.True(string.IsNullOrEmpty(user.GetProperty("name").GetProperty("first_name").GetString()));
        Assert.Equal(0, legacy.LookupHookCalls(email));
        Assert.Equal(2, legacy.SignatureProblems.Count(p => p.StartsWith("/hooks/user-lookup: signature does not verify", StringComparison.Ordinal)));
    }
}
