using System.Net;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Scaling;

/// <summary>
/// Two Godwit processes' worth of servers on one PostgreSQL database must behave as one service:
/// nothing that only one of them knows may decide an answer.
/// </summary>
public sealed class SharedPostgresTests(TwoServers servers) : IClassFixture<TwoServers>
{
    private GodwitHost First => servers.First;

    private GodwitHost Second => servers.Second;

    [Fact]
    public async Task Simultaneous_sign_ups_of_one_email_on_two_servers_create_one_user()
    {
        var email = ApiCalls.UniqueEmail();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? First : Second).Client.PostAsync("/v1/users", new { email })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("duplicate_email", a.ErrorType));
        var search = await Second.Client.PostAsync("/v1/users/search", new
        {
            query = new { @operator = "AND", operands = new object[] { new { filter_name = "email_address", filter_value = new[] { email } } } },
        });
        Assert.Equal(1, search.Body.GetProperty("results_metadata").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_session_started_on_one_server_is_checked_and_revoked_on_the_other()
    {
        var issued = await StartSessionAsync(First);

        var byJwtElsewhere = await Second.Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = issued.SessionJwt });
        var byTokenElsewhere = await Second.Client.PostAsync("/v1/sessions/authenticate", new { session_token = issued.SessionToken });
        var revoked = await Second.Client.PostAsync("/v1/sessions/revoke", new { session_id = issued.Session.SessionId });
        var afterRevoke = await First.Client.PostAsync("/v1/sessions/authenticate", new { session_token = issued.SessionToken });

        Assert.Equal(HttpStatusCode.OK, byJwtElsewhere.Status);
        Assert.Equal(HttpStatusCode.OK, byTokenElsewhere.Status);
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal("session_not_found", afterRevoke.ErrorType);
    }

    [Fact]
    public async Task Both_servers_publish_the_same_signing_keys()
    {
        var fromFirst = await First.Anonymous.GetJsonAsync($"/v1/sessions/jwks/{First.ProjectId}");
        var fromSecond = await Second.Anonymous.GetJsonAsync($"/v1/sessions/jwks/{Second.ProjectId}");

        Assert.Equal(HttpStatusCode.OK, fromFirst.Status);
        var kids = (ApiAnswer a) => a.Body.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.NotEmpty(kids(fromFirst));
        Assert.Equal(kids(fromFirst), kids(fromSecond));
    }

    private static async Task<IssuedSession> StartSessionAsync(GodwitHost host)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var created = await host.Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });
        await using var scope = host.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<IUserStore>().FindAsync(created.Text("user_id"), cancellationToken);
        var now = DateTime.UtcNow;
        var factor = new AuthenticationFactor("magic_link", "email", now, now, new EmailFactor(user!.Emails[0].EmailId, user.Emails[0].Address));
        var result = await scope.ServiceProvider.GetRequiredService<SessionService>()
            .RecordFactorAsync(user, factor, new SessionRequest(60, null, null, null), cancellationToken);
        return result.Value!;
    }
}
