using System.Net;
using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Storage;

/// <summary>
/// The host is a library: one process may run a SQLite Godwit and a PostgreSQL Godwit side by side
/// (the test suite does; so would an importer moving users between them). Nothing provider-specific
/// may be cached process-wide.
/// </summary>
public sealed class MixedProvidersTests
{
    [Fact]
    public async Task A_sqlite_host_and_a_postgres_host_in_one_process_both_authenticate_sessions_and_read_users()
    {
        await using var sqlite = await GodwitHost.StartAsync();
        await using var postgres = await PostgresGodwit.StartAsync(new GodwitHostOptions());
        var postgresHost = PostgresGodwit.Require(postgres);

        foreach (var host in new[] { sqlite, postgresHost, sqlite, postgresHost })
        {
            var started = await TestSessions.StartAsync(host);

            var byToken = await host.Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token });
            var byJwt = await host.Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = started.Jwt });
            var user = await host.Client.GetJsonAsync($"/v1/users/{started.UserId}");

            Assert.True(byToken.Status == HttpStatusCode.OK, byToken.ToString());
            Assert.True(byJwt.Status == HttpStatusCode.OK, byJwt.ToString());
            Assert.True(user.Status == HttpStatusCode.OK, user.ToString());
        }
    }
}
