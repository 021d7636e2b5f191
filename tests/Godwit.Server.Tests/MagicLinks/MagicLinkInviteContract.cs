using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>Invites by magic link, and revoking them, on every database.</summary>
public abstract class MagicLinkInviteContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task An_invite_creates_a_pending_user_who_becomes_active_by_following_the_link()
    {
        var email = ApiCalls.UniqueEmail();

        var invited = await Client.PostAsync("/v1/magic_links/email/invite", new
        {
            email,
            name = new { first_name = "Grace" },
            trusted_metadata = new { plan = "team" },
            invite_magic_link_url = "https://app.example/invite",
        });

        Assert.Equal(HttpStatusCode.OK, invited.Status);
        var user = await Client.GetJsonAsync($"/v1/users/{invited.Text("user_id")}");
        Assert.Equal("pending", user.Text("status"));
        Assert.Equal("Grace", user.Body.GetProperty("name").GetProperty("first_name").GetString());
        Assert.Equal("team", user.Body.GetProperty("trusted_metadata").GetProperty("plan").GetString());
        var message = await Host.EmailAsync(email);
        Assert.Equal("You have been invited", message.Subject);
        Assert.Contains("https://app.example/invite?stytch_token_type=magic_links&token=", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("expires in 1 hour", message.TextBody, StringComparison.Ordinal);
        var accepted = await Client.PostAsync("/v1/magic_links/authenticate", new { token = Inbox.TokenIn(message) });
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(invited.Text("email_id"), accepted.Text("method_id"));
        Assert.Equal("active", accepted.Body.GetProperty("user").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_pending_user_can_be_invited_again_and_an_active_one_cannot()
    {
        var email = ApiCalls.UniqueEmail();
        var first = await Client.PostAsync("/v1/magic_links/email/invite", new { email });

        var second = await Client.PostAsync("/v1/magic_links/email/invite", new { email });
        await Client.PostAsync("/v1/magic_links/authenticate", new { token = await Host.LinkTokenAsync(email) });
        var third = await Client.PostAsync("/v1/magic_links/email/invite", new { email });

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Text("user_id"), second.Text("user_id"));
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_email"), (third.Status, third.ErrorType));
        Assert.Equal(2, Host.EmailsTo(email));
    }

    [Fact]
    public async Task A_revoked_invite_link_no_longer_works()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/invite", new { email });
        var token = await Host.LinkTokenAsync(email);

        var revoked = await Client.PostAsync("/v1/magic_links/email/revoke_invite", new { email });
        var used = await Client.PostAsync("/v1/magic_links/authenticate", new { token });
        var again = await Client.PostAsync("/v1/magic_links/email/revoke_invite", new { email });

        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_magic_link"), (used.Status, used.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (again.Status, again.ErrorType));
    }

    [Fact]
    public async Task Revoking_an_invite_for_an_unknown_or_malformed_email_is_refused()
    {
        var unknown = await Client.PostAsync("/v1/magic_links/email/revoke_invite", new { email = ApiCalls.UniqueEmail() });
        var malformed = await Client.PostAsync("/v1/magic_links/email/revoke_invite", new { email = "nope" });
        var missing = await Client.PostAsync("/v1/magic_links/email/revoke_invite", new { });

        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (unknown.Status, unknown.ErrorType));
        Assert.Equal("invalid_email", malformed.ErrorType);
        Assert.Equal("invalid_email", missing.ErrorType);
    }

    [Theory]
    [InlineData("{\"email\":\"EMAIL\",\"invite_expiration_minutes\":10081}", "invalid_expiration")]
    [InlineData("{\"email\":\"EMAIL\",\"invite_magic_link_url\":\"app/invite\"}", "invalid_url")]
    [InlineData("{\"email\":\"EMAIL\",\"name\":\"Grace\"}", "invalid_name")]
    [InlineData("{\"email\":\"EMAIL\",\"trusted_metadata\":[1]}", "metadata_invalid_format")]
    public async Task Invite_refuses_malformed_requests_and_creates_nobody(string template, string errorType)
    {
        var email = ApiCalls.UniqueEmail();

        var answer = await Client.SendJsonAsync(HttpMethod.Post, "/v1/magic_links/email/invite", template.Replace("EMAIL", email, StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal("email_not_found", (await Client.PostAsync("/v1/magic_links/email/send", new { email })).ErrorType);
    }
}

public sealed class MagicLinkInviteOnSqlite(SqliteGodwit godwit) : MagicLinkInviteContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class MagicLinkInviteOnPostgres(PostgresGodwit godwit) : MagicLinkInviteContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
