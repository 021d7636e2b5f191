using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>Both edges of an embeddable magic link's expiry, with a fake clock, on every database.</summary>
public abstract class EmbeddableMagicLinkTimingContract
{
    protected abstract SendLimitGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task An_embeddable_magic_link_works_one_second_before_it_expires_and_not_at_the_moment_it_does()
    {
        var user = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });
        var early = await Client.PostAsync("/v1/magic_links", new { user_id = user.Text("user_id"), expiration_minutes = 5 });
        var late = await Client.PostAsync("/v1/magic_links", new { user_id = user.Text("user_id"), expiration_minutes = 5 });

        Godwit.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var inTime = await Client.PostAsync("/v1/magic_links/authenticate", new { token = early.Text("token") });
        Godwit.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await Client.PostAsync("/v1/magic_links/authenticate", new { token = late.Text("token") });

        Assert.Equal(HttpStatusCode.OK, inTime.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_magic_link"), (expired.Status, expired.ErrorType));
    }
}

public sealed class EmbeddableMagicLinkTimingOnSqlite(SendLimitSqliteGodwit godwit) : EmbeddableMagicLinkTimingContract, IClassFixture<SendLimitSqliteGodwit>
{
    protected override SendLimitGodwit Godwit => godwit;
}

public sealed class EmbeddableMagicLinkTimingOnPostgres(SendLimitPostgresGodwit godwit) : EmbeddableMagicLinkTimingContract, IClassFixture<SendLimitPostgresGodwit>
{
    protected override SendLimitGodwit Godwit => godwit;
}
