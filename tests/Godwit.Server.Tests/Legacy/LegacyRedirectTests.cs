using System.Net;
using System.Text.Json.Nodes;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// A legacy system whose every endpoint answers with a redirect to a second, real legacy system
/// that would vouch for the person: the accounts, sessions, tokens and keys below all exist there.
/// One Godwit asks the redirecting hooks, another the redirecting UserInfo endpoint and JWKS.
/// </summary>
public sealed class LegacyRedirectSystems : IAsyncLifetime
{
    private GodwitHost? hooks;
    private GodwitHost? oidc;

    internal LegacySystem Target { get; private set; } = null!;

    internal RedirectingServer Redirector { get; private set; } = null!;

    public GodwitHost Hooks => hooks!;

    public GodwitHost Oidc => oidc!;

    public async ValueTask InitializeAsync()
    {
        Target = await LegacySystem.StartAsync();
        Redirector = await RedirectingServer.StartAsync(Target.BaseUrl);
        hooks = await StartGodwitAsync(new()
        {
            ["Godwit:Migration:LegacyPasswordHook"] = Redirector.Here(Target.PasswordHookUrl).ToString(),
            ["Godwit:Migration:LegacyPasswordHookSecret"] = LegacySystem.PasswordHookSecret,
            ["Godwit:Migration:LegacySessionHook"] = Redirector.Here(Target.SessionHookUrl).ToString(),
            ["Godwit:Migration:LegacySessionHookSecret"] = LegacySystem.SessionHookSecret,
        });
        oidc = await StartGodwitAsync(new()
        {
            ["Godwit:Migration:UserInfoUrl"] = Redirector.Here(Target.UserInfoUrl).ToString(),
            ["Godwit:Migration:LegacyJwksUrl"] = Redirector.Here(Target.JwksUrl).ToString(),
            ["Godwit:Migration:LegacyJwtIssuer"] = LegacySystem.Issuer,
            ["Godwit:Migration:LegacyJwtAudience"] = LegacySystem.Audience,
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { hooks, oidc })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await Redirector.DisposeAsync();
        await Target.DisposeAsync();
    }

    private static Task<GodwitHost> StartGodwitAsync(Dictionary<string, string?> settings)
    {
        // Every call fails here; the circuit staying closed keeps each test's answer about the redirect.
        settings["Godwit:Migration:CircuitBreaker:MinimumThroughput"] = "100000";
        return GodwitHost.StartAsync(new GodwitHostOptions { Settings = settings });
    }
}

/// <summary>
/// A redirect from a legacy trust anchor is a failure like any answer outside the contract, and is
/// never followed: the verdict on who logs in comes only from the configured host.
/// </summary>
public sealed class LegacyRedirectTests(LegacyRedirectSystems systems) : IClassFixture<LegacyRedirectSystems>
{
    private const string Password = "legacy correct horse battery staple 1998";

    public static TheoryData<int> RedirectStatuses => [301, 302, 303, 307, 308];

    private LegacySystem Target => systems.Target;

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task A_password_hook_that_redirects_fails_the_login_without_following_and_creates_nothing(int status)
    {
        systems.Redirector.Status = status;
        var email = ApiCalls.UniqueEmail();
        Target.AddAccount(email, Password, new JsonObject { ["email_verified"] = true });
        var reachedTarget = Target.ReceivedBodies.Count;
        var redirected = systems.Redirector.Requests;

        var login = await systems.Hooks.Client.PostAsync("/v1/passwords/authenticate", new { email, password = Password });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_password_hook_unavailable"), (login.Status, login.ErrorType));
        Assert.Equal(redirected + 1, systems.Redirector.Requests);
        Assert.Equal(reachedTarget, Target.ReceivedBodies.Count);
        Assert.Equal(0, await UsersWithEmailAsync(systems.Hooks, email));
    }

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task A_session_hook_that_redirects_is_unavailable_and_is_not_followed(int status)
    {
        systems.Redirector.Status = status;
        var email = ApiCalls.UniqueEmail();
        var cookie = Target.AddHookSession(new JsonObject { ["match"] = true, ["email"] = email, ["email_verified"] = true }.ToJsonString());
        var reachedTarget = Target.ReceivedBodies.Count;

        var migrated = await systems.Hooks.Client.PostAsync("/v1/sessions/migrate", new { session_token = cookie });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_session_check_unavailable"), (migrated.Status, migrated.ErrorType));
        Assert.Equal(reachedTarget, Target.ReceivedBodies.Count);
        Assert.Equal(0, await UsersWithEmailAsync(systems.Hooks, email));
    }

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task A_userinfo_endpoint_that_redirects_is_unavailable_and_is_not_followed(int status)
    {
        systems.Redirector.Status = status;
        var email = ApiCalls.UniqueEmail();
        var token = Target.AddUserInfoToken(new JsonObject { ["sub"] = "legacy|7", ["email"] = email, ["email_verified"] = true });
        var reachedTarget = Target.UserInfoCalls;

        var migrated = await systems.Oidc.Client.PostAsync("/v1/sessions/migrate", new { session_token = token });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_session_check_unavailable"), (migrated.Status, migrated.ErrorType));
        Assert.Equal(reachedTarget, Target.UserInfoCalls);
        Assert.Equal(0, await UsersWithEmailAsync(systems.Oidc, email));
    }

    [Fact]
    public async Task A_jwks_that_redirects_is_never_fetched_so_a_legacy_jwt_cannot_be_checked()
    {
        systems.Redirector.Status = 302;
        var email = ApiCalls.UniqueEmail();
        var now = DateTimeOffset.UtcNow;
        var jwt = Target.IssueJwt(new JsonObject
        {
            ["iss"] = LegacySystem.Issuer,
            ["aud"] = LegacySystem.Audience,
            ["sub"] = "legacy|8",
            ["email"] = email,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        });
        var reachedTarget = Target.JwksCalls;

        var migrated = await systems.Oidc.Client.PostAsync("/v1/sessions/migrate", new { session_token = jwt });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "legacy_session_check_unavailable"), (migrated.Status, migrated.ErrorType));
        Assert.Equal(reachedTarget, Target.JwksCalls);
        Assert.Equal(0, await UsersWithEmailAsync(systems.Oidc, email));
    }

    private static async Task<int> UsersWithEmailAsync(GodwitHost host, string email)
    {
        var search = await host.Client.PostAsync("/v1/users/search", new
        {
            limit = 1,
            query = new { @operator = "AND", operands = new[] { new { filter_name = "email_address", filter_value = new[] { email } } } },
        });
        return search.Body.GetProperty("results_metadata").GetProperty("total").GetInt32();
    }
}
