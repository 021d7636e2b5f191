using System.Net;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>
/// Emails, phone numbers and external ids belong to one user at a time, however they are written and
/// however many requests race for them: the same behaviour on every database.
/// </summary>
public abstract class UserUniquenessContract
{
    private const int Racers = 20;

    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task An_email_in_another_case_is_a_duplicate_and_only_the_first_user_holds_it()
    {
        var email = ApiCalls.UniqueEmail("Case");
        await TestUsers.CreateIdAsync(Client, new { email });

        var again = await Client.PostAsync("/v1/users", new { email = "  " + email.ToUpperInvariant() + " " });

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("duplicate_email", again.ErrorType);
        Assert.Equal(1, await TestUsers.CountEmailRowsAsync(Host, email.ToLowerInvariant()));
    }

    [Fact]
    public async Task The_same_phone_number_in_other_formatting_is_a_duplicate_phone_number()
    {
        var subscriber = TestUsers.RandomSubscriber();
        await TestUsers.CreateIdAsync(Client, new { phone_number = $"+1 (555) {subscriber[..3]}-{subscriber[3..]}" });

        var again = await Client.PostAsync("/v1/users", new { phone_number = "+1555" + subscriber });
        var dotted = await Client.PostAsync("/v1/users", new { phone_number = $"+1.555.{subscriber[..3]}.{subscriber[3..]}" });

        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_phone_number"), (again.Status, again.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_phone_number"), (dotted.Status, dotted.ErrorType));
        Assert.Equal(1, await TestUsers.CountPhoneRowsAsync(Host, "+1555" + subscriber));
    }

    [Fact]
    public async Task Phone_numbers_are_stored_and_returned_in_e164_form_including_555_test_numbers()
    {
        var subscriber = TestUsers.RandomSubscriber();

        var created = await Client.PostAsync("/v1/users", new { phone_number = $" +1 555 {subscriber[..3]} {subscriber[3..]} " });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Matches("^phone-number-live-[0-9a-f-]{36}$", created.Text("phone_id"));
        Assert.Equal("+1555" + subscriber, created.Body.GetProperty("user").GetProperty("phone_numbers")[0].GetProperty("phone_number").GetString());
        Assert.Equal(1, await TestUsers.CountPhoneRowsAsync(Host, "+1555" + subscriber));
    }

    [Fact]
    public async Task An_external_id_already_in_use_is_duplicate_user_external_id()
    {
        var externalId = "ext-" + Guid.NewGuid().ToString("N");
        await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail(), external_id = externalId });
        var email = ApiCalls.UniqueEmail();

        var again = await Client.PostAsync("/v1/users", new { email, external_id = externalId });

        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_user_external_id"), (again.Status, again.ErrorType));
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(Host, email));
    }

    [Fact]
    public async Task External_ids_differing_only_in_case_belong_to_different_users()
    {
        var externalId = "Ext-" + Guid.NewGuid().ToString("N");
        var first = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail(), external_id = externalId });
        var second = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail(), external_id = externalId.ToUpperInvariant() });

        Assert.Equal(first, (await Client.GetJsonAsync($"/v1/users/{externalId}")).Text("user_id"));
        Assert.Equal(second, (await Client.GetJsonAsync($"/v1/users/{externalId.ToUpperInvariant()}")).Text("user_id"));
    }

    [Fact]
    public async Task Twenty_concurrent_creates_of_one_email_make_exactly_one_user()
    {
        var email = ApiCalls.UniqueEmail("race");

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            Client.PostAsync("/v1/users", new { email = i % 2 == 0 ? email : email.ToUpperInvariant() })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("duplicate_email", a.ErrorType));
        Assert.Equal(1, await TestUsers.CountEmailRowsAsync(Host, email));
        Assert.Single(await TestUsers.UserIdsWithEmailContainingAsync(Client, email));
    }

    [Fact]
    public async Task Twenty_concurrent_creates_of_one_phone_number_in_different_formats_make_exactly_one_user()
    {
        var subscriber = TestUsers.RandomSubscriber();
        string[] formats = ["+1555" + subscriber, $"+1 (555) {subscriber[..3]}-{subscriber[3..]}", $"+1-555-{subscriber}"];

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            Client.PostAsync("/v1/users", new { phone_number = formats[i % formats.Length] })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("duplicate_phone_number", a.ErrorType));
        Assert.Equal(1, await TestUsers.CountPhoneRowsAsync(Host, "+1555" + subscriber));
    }

    [Fact]
    public async Task Twenty_concurrent_creates_with_one_external_id_make_exactly_one_user()
    {
        var externalId = "race-" + Guid.NewGuid().ToString("N");

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ =>
            Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), external_id = externalId })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("duplicate_user_external_id", a.ErrorType));
        Assert.Equal(1, await TestUsers.CountUsersWithExternalIdAsync(Host, externalId));
    }
}

public sealed class UserUniquenessOnSqlite(SqliteGodwit godwit) : UserUniquenessContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class UserUniquenessOnPostgres(PostgresGodwit godwit) : UserUniquenessContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
