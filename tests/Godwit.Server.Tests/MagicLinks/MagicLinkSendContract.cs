using System.Net;
using Godwit.Core.Users;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>Magic link send: to known addresses, and attaching an address to a user, on every database.</summary>
public abstract class MagicLinkSendContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task A_known_address_gets_a_login_link()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });

        var sent = await Client.PostAsync("/v1/magic_links/email/send", new { email, login_magic_link_url = "http://localhost:3000/login" });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal(created.Text("user_id"), sent.Text("user_id"));
        Assert.Equal(created.Text("email_id"), sent.Text("email_id"));
        var message = await Host.EmailAsync(email);
        Assert.StartsWith("http://localhost:3000/login?stytch_token_type=magic_links&token=", message.TextBody!.Split('\n')[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_without_a_user_is_email_not_found_and_nothing_is_sent()
    {
        var email = ApiCalls.UniqueEmail();

        var sent = await Client.PostAsync("/v1/magic_links/email/send", new { email });

        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (sent.Status, sent.ErrorType));
        Assert.Equal(0, Host.EmailsTo(email));
    }

    [Fact]
    public async Task An_email_is_attached_to_a_user_only_once_the_users_own_email_is_verified()
    {
        var first = ApiCalls.UniqueEmail("first");
        var second = ApiCalls.UniqueEmail("second");
        var created = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email = first });
        var userId = created.Text("user_id");

        var refused = await Client.PostAsync("/v1/magic_links/email/send", new { email = second, user_id = userId });
        await Client.PostAsync("/v1/magic_links/authenticate", new { token = await Host.LinkTokenAsync(first) });
        var attached = await Client.PostAsync("/v1/magic_links/email/send", new { email = second, user_id = userId });
        var verified = await Client.PostAsync("/v1/magic_links/authenticate", new { token = await Host.LinkTokenAsync(second) });

        Assert.Equal((HttpStatusCode.BadRequest, "unverified_primary_factor"), (refused.Status, refused.ErrorType));
        Assert.Equal(HttpStatusCode.OK, attached.Status);
        Assert.Equal(userId, attached.Text("user_id"));
        Assert.Equal(attached.Text("email_id"), verified.Text("method_id"));
        var emails = verified.Body.GetProperty("user").GetProperty("emails");
        Assert.Equal([first, second], emails.EnumerateArray().Select(e => e.GetProperty("email").GetString()));
        Assert.All(emails.EnumerateArray(), e => Assert.True(e.GetProperty("verified").GetBoolean()));
    }

    [Fact]
    public async Task A_session_token_names_the_user_an_email_is_attached_to()
    {
        var login = await Host.LogInByMagicLinkAsync(ApiCalls.UniqueEmail());
        var added = ApiCalls.UniqueEmail("added");

        var sent = await Client.PostAsync("/v1/magic_links/email/send", new { email = added, session_token = login.Text("session_token") });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal(login.Text("user_id"), sent.Text("user_id"));
        Assert.Equal(1, Host.EmailsTo(added));
    }

    [Fact]
    public async Task Another_users_email_cannot_be_attached()
    {
        var login = await Host.LogInByMagicLinkAsync(ApiCalls.UniqueEmail());
        var taken = ApiCalls.UniqueEmail("taken");
        await Client.PostAsync("/v1/users", new { email = taken });

        var sent = await Client.PostAsync("/v1/magic_links/email/send", new { email = taken, user_id = login.Text("user_id") });

        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_email"), (sent.Status, sent.ErrorType));
        Assert.Equal(0, Host.EmailsTo(taken));
    }

    [Fact]
    public async Task A_user_id_with_a_session_of_another_user_is_session_not_found_and_nothing_is_sent()
    {
        var person = await Host.LogInByMagicLinkAsync(ApiCalls.UniqueEmail());
        var other = await Host.LogInByMagicLinkAsync(ApiCalls.UniqueEmail());
        var email = ApiCalls.UniqueEmail("added");

        var sent = await Client.PostAsync("/v1/magic_links/email/send", new { email, user_id = person.Text("user_id"), session_token = other.Text("session_token") });

        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (sent.Status, sent.ErrorType));
        Assert.Equal(0, Host.EmailsTo(email));
    }

    [Fact]
    public async Task Naming_a_user_or_session_that_does_not_exist_is_refused()
    {
        var email = ApiCalls.UniqueEmail();

        var noUser = await Client.PostAsync("/v1/magic_links/email/send", new { email, user_id = "user-live-00000000-0000-0000-0000-000000000000" });
        var noSession = await Client.PostAsync("/v1/magic_links/email/send", new { email, session_token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });

        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (noUser.Status, noUser.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (noSession.Status, noSession.ErrorType));
    }

    [Fact]
    public async Task A_rejected_email_is_email_delivery_failed_and_leaves_no_live_link()
    {
        var email = ApiCalls.UniqueEmail();
        Host.Smtp.RejectMessages = true;
        ApiAnswer sent;
        try
        {
            sent = await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        }
        finally
        {
            Host.Smtp.RejectMessages = false;
        }

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "email_delivery_failed"), (sent.Status, sent.ErrorType));
        await using var scope = Host.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<IUserStore>().FindByEmailAsync(email, TestContext.Current.CancellationToken);
        var emailId = user!.Emails[0].EmailId;
        var links = await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().OneTimeSecrets
            .Where(secret => secret.MethodId == emailId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(Assert.Single(links).ConsumedAt);
    }
}

public sealed class MagicLinkSendOnSqlite(SqliteGodwit godwit) : MagicLinkSendContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class MagicLinkSendOnPostgres(PostgresGodwit godwit) : MagicLinkSendContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
