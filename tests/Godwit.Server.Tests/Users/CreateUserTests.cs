using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

public sealed class CreateUserTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private HttpClient Client => godwit.Host.Client;

    [Fact]
    public async Task A_created_user_has_a_stytch_shaped_id_and_a_lower_cased_unverified_email()
    {
        var email = ApiCalls.UniqueEmail("Ann").ToUpperInvariant();

        var created = await Client.PostAsync("/v1/users", new { email, name = new { first_name = "Ann" } });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(200, created.Body.GetProperty("status_code").GetInt32());
        Assert.StartsWith("request-id-live-", created.Text("request_id"), StringComparison.Ordinal);
        Assert.Matches("^user-live-[0-9a-f-]{36}$", created.Text("user_id"));
        Assert.Matches("^email-live-[0-9a-f-]{36}$", created.Text("email_id"));
        var user = created.Body.GetProperty("user");
        Assert.Equal(email.ToLowerInvariant(), user.GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.False(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal("Ann", user.GetProperty("name").GetProperty("first_name").GetString());
        Assert.Equal("active", user.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_email_in_another_case_is_a_duplicate()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/users", new { email });

        var again = await Client.PostAsync("/v1/users", new { email = email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("duplicate_email", again.ErrorType);
    }

    [Fact]
    public async Task Requests_without_the_project_secret_are_unauthorized()
    {
        var answer = await godwit.Host.Anonymous.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("unauthorized_credentials", answer.ErrorType);
    }
}
