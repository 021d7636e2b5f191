using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>Magic link expiry edges and send limits, with a fake clock, on every database.</summary>
public abstract class MagicLinkTimingContract
{
    protected abstract SendLimitGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_link_works_one_second_before_it_expires()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, signup_expiration_minutes = 5 });
        var token = await Godwit.Host.LinkTokenAsync(email);

        Godwit.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var answer = await Client.PostAsync("/v1/magic_links/authenticate", new { token });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task A_link_fails_at_the_moment_it_expires()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, signup_expiration_minutes = 5 });
        var token = await Godwit.Host.LinkTokenAsync(email);

        Godwit.Clock.Advance(TimeSpan.FromMinutes(5));
        var answer = await Client.PostAsync("/v1/magic_links/authenticate", new { token });

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_magic_link"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task Links_beyond_the_per_minute_limit_are_too_many_requests_and_not_sent_until_the_minute_has_passed()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });
        for (var i = 0; i < SendLimitGodwit.MaxSendsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/v1/magic_links/email/send", new { email })).Status);
        }

        var limited = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        Godwit.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await Client.PostAsync("/v1/magic_links/email/send", new { email });

        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (limited.Status, limited.ErrorType));
        Assert.Equal(60, limited.RetryAfterSeconds);
        Assert.Equal(HttpStatusCode.OK, later.Status);
        Assert.Equal(created.Text("user_id"), later.Text("user_id"));
        Assert.Equal(SendLimitGodwit.MaxSendsPerMinute + 1, Godwit.Host.EmailsTo(email));
    }
}

public sealed class MagicLinkTimingOnSqlite(SendLimitSqliteGodwit godwit) : MagicLinkTimingContract, IClassFixture<SendLimitSqliteGodwit>
{
    protected override SendLimitGodwit Godwit => godwit;
}

public sealed class MagicLinkTimingOnPostgres(SendLimitPostgresGodwit godwit) : MagicLinkTimingContract, IClassFixture<SendLimitPostgresGodwit>
{
    protected override SendLimitGodwit Godwit => godwit;
}
