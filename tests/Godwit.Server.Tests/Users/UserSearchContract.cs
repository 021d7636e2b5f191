using System.Globalization;
using System.Net;
using System.Text.Json;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>
/// Each users-search filter and their combinations. Search sees every user in the database, so each
/// test gives its users an email domain of their own and always filters on it.
/// </summary>
public abstract class UserSearchContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task Email_address_finds_exact_addresses_whatever_their_case()
    {
        var people = await CreatePeopleAsync();

        var found = await SearchAsync(people, Filter("email_address", new[] { people.Ann.Email.ToUpperInvariant(), "nobody@" + people.Domain }));

        Assert.Equal([people.Ann.Id], found);
    }

    [Fact]
    public async Task Email_address_fuzzy_finds_addresses_containing_the_fragment_whatever_its_case()
    {
        var people = await CreatePeopleAsync();

        var found = await SearchAsync(people, Filter("email_address_fuzzy", "BOB."));

        Assert.Equal([people.Bob.Id], found);
    }

    [Fact]
    public async Task Phone_number_finds_exact_numbers_written_in_any_format()
    {
        var people = await CreatePeopleAsync();
        var digits = people.Ann.Phone![5..];

        var found = await SearchAsync(people, Filter("phone_number", new[] { $"+1 (555) {digits[..3]}-{digits[3..]}" }));

        Assert.Equal([people.Ann.Id], found);
    }

    [Fact]
    public async Task Phone_number_fuzzy_finds_numbers_containing_the_digits()
    {
        var people = await CreatePeopleAsync();

        var found = await SearchAsync(people, Filter("phone_number_fuzzy", people.Bob.Phone![3..]));

        Assert.Equal([people.Bob.Id], found);
    }

    [Fact]
    public async Task User_id_finds_the_listed_users()
    {
        var people = await CreatePeopleAsync();

        var found = await SearchAsync(people, Filter("user_id", new[] { people.Ann.Id, people.Cid.Id, $"user-live-{Guid.NewGuid():D}" }));

        Assert.Equal(Sorted(people.Ann.Id, people.Cid.Id), Sorted([.. found]));
    }

    [Fact]
    public async Task Status_separates_pending_from_active_users()
    {
        var people = await CreatePeopleAsync();

        var pending = await SearchAsync(people, Filter("status", "pending"));
        var active = await SearchAsync(people, Filter("status", "active"));

        Assert.Equal([people.Bob.Id], pending);
        Assert.Equal(Sorted(people.Ann.Id, people.Cid.Id), Sorted([.. active]));
    }

    [Fact]
    public async Task Created_at_filters_compare_against_the_creation_instant()
    {
        var people = await CreatePeopleAsync();
        var created = DateTimeOffset.Parse(people.Ann.CreatedAt, CultureInfo.InvariantCulture);
        var before = Rfc3339(created.AddSeconds(-2));
        var later = Rfc3339(created.AddHours(1));
        var evenLater = Rfc3339(created.AddHours(2));

        Assert.Equal(3, (await SearchAsync(people, Filter("created_at_greater_than", before))).Count);
        Assert.Empty(await SearchAsync(people, Filter("created_at_greater_than", later)));
        Assert.Equal(3, (await SearchAsync(people, Filter("created_at_less_than", later))).Count);
        Assert.Empty(await SearchAsync(people, Filter("created_at_less_than", before)));
        Assert.Equal(3, (await SearchAsync(people, Filter("created_at_between", new { greater_than = before, less_than = later }))).Count);
        Assert.Empty(await SearchAsync(people, Filter("created_at_between", new { greater_than = later, less_than = evenLater })));
    }

    [Fact]
    public async Task Email_verified_separates_verified_from_unverified_emails()
    {
        var people = await CreatePeopleAsync();

        var verified = await SearchAsync(people, Filter("email_verified", true));
        var unverified = await SearchAsync(people, Filter("email_verified", false));

        Assert.Equal([people.Ann.Id], verified);
        Assert.Equal(Sorted(people.Bob.Id, people.Cid.Id), Sorted([.. unverified]));
    }

    [Fact]
    public async Task Phone_verified_separates_verified_from_unverified_phone_numbers_and_ignores_users_without_one()
    {
        var people = await CreatePeopleAsync();

        var verified = await SearchAsync(people, Filter("phone_verified", true));
        var unverified = await SearchAsync(people, Filter("phone_verified", false));

        Assert.Equal([people.Ann.Id], verified);
        Assert.Equal([people.Bob.Id], unverified);
    }

    [Fact]
    public async Task Full_name_fuzzy_finds_a_fragment_of_first_middle_and_last_name_whatever_its_case()
    {
        var people = await CreatePeopleAsync();

        Assert.Equal([people.Ann.Id], await SearchAsync(people, Filter("full_name_fuzzy", "MARIE LOV")));
        Assert.Equal([people.Ann.Id], await SearchAsync(people, Filter("full_name_fuzzy", "ann marie")));
    }

    [Fact]
    public async Task Full_name_fuzzy_finds_first_and_last_name_of_a_user_without_a_middle_name()
    {
        var people = await CreatePeopleAsync();

        var found = await SearchAsync(people, Filter("full_name_fuzzy", "bob stone"));

        Assert.Equal([people.Bob.Id], found);
    }

    [Fact]
    public async Task And_requires_every_operand_and_or_requires_any()
    {
        var people = await CreatePeopleAsync();

        var both = await SearchAsync(people, Filter("status", "active"), Filter("email_verified", true));
        var either = await SearchRawAsync(new
        {
            query = new
            {
                @operator = "OR",
                operands = new[] { Filter("email_address", new[] { people.Ann.Email }), Filter("user_id", new[] { people.Bob.Id }) },
            },
        });

        Assert.Equal([people.Ann.Id], both);
        Assert.Equal(Sorted(people.Ann.Id, people.Bob.Id), Sorted([.. TestUsers.UserIds(either.Body)]));
    }

    [Fact]
    public async Task Total_counts_every_match_while_limit_bounds_the_page()
    {
        var people = await CreatePeopleAsync();

        var answer = await SearchRawAsync(new { limit = 2, query = Query(Filter("email_address_fuzzy", people.Domain)) });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(2, answer.Body.GetProperty("results").GetArrayLength());
        Assert.Equal(3, answer.Body.GetProperty("results_metadata").GetProperty("total").GetInt32());
        Assert.False(string.IsNullOrEmpty(answer.Body.GetProperty("results_metadata").GetProperty("next_cursor").GetString()));
    }

    [Fact]
    public async Task Search_results_carry_each_users_emails_and_phone_numbers()
    {
        var people = await CreatePeopleAsync();

        var answer = await SearchRawAsync(new { query = Query(Filter("user_id", new[] { people.Ann.Id })) });

        var user = answer.Body.GetProperty("results")[0];
        Assert.Equal([people.Ann.Email], TestUsers.Addresses(user, "emails", "email"));
        Assert.Equal([people.Ann.Phone!], TestUsers.Addresses(user, "phone_numbers", "phone_number"));
        Assert.Equal("Ann", user.GetProperty("name").GetProperty("first_name").GetString());
    }

    /// <summary>
    /// Three users on one fresh domain: Ann (active, verified email and phone, middle name), Bob
    /// (pending, unverified email and phone, no middle name), Cid (active, unverified email, no
    /// phone, a name with non-ASCII capitals).
    /// </summary>
    private async Task<People> CreatePeopleAsync()
    {
        var domain = TestUsers.UniqueDomain();
        var prefix = "+1555" + TestUsers.RandomSubscriber()[..5];
        var ann = await CreateAsync(new { email = $"ann.{Guid.NewGuid():N}@{domain}", phone_number = prefix + "01", name = new { first_name = "Ann", middle_name = "Marie", last_name = "Lovelace" } });
        var bob = await CreateAsync(new { email = $"bob.{Guid.NewGuid():N}@{domain}", phone_number = prefix + "02", name = new { first_name = "Bob", last_name = "Stone" }, create_user_as_pending = true });
        var cid = await CreateAsync(new { email = $"cid.{Guid.NewGuid():N}@{domain}", name = new { first_name = "ÉLODIE", last_name = "Durand" } });
        await TestUsers.MarkAddressesVerifiedAsync(Host, ann.Id);
        return new People(domain, ann, bob, cid);
    }

    private async Task<Person> CreateAsync(object body)
    {
        var created = await TestUsers.CreateAsync(Client, body);
        var user = created.GetProperty("user");
        var phones = user.GetProperty("phone_numbers");
        return new Person(
            created.GetProperty("user_id").GetString()!,
            user.GetProperty("emails")[0].GetProperty("email").GetString()!,
            phones.GetArrayLength() > 0 ? phones[0].GetProperty("phone_number").GetString() : null,
            user.GetProperty("created_at").GetString()!);
    }

    /// <summary>The ids of users matching every filter, among the users of this test's domain.</summary>
    private async Task<List<string>> SearchAsync(People people, params object[] filters)
    {
        var answer = await SearchRawAsync(new { limit = 1000, query = Query([Filter("email_address_fuzzy", people.Domain), .. filters]) });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return TestUsers.UserIds(answer.Body);
    }

    private Task<ApiAnswer> SearchRawAsync(object body) => Client.PostAsync("/v1/users/search", body);

    private static object Query(params object[] operands) => new { @operator = "AND", operands };

    private static object Filter(string name, object value) => new { filter_name = name, filter_value = value };

    private static string Rfc3339(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

    private sealed record Person(string Id, string Email, string? Phone, string CreatedAt);

    private sealed record People(string Domain, Person Ann, Person Bob, Person Cid);
}

public sealed class UserSearchOnSqlite(SqliteGodwit godwit) : UserSearchContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class UserSearchOnPostgres(PostgresGodwit godwit) : UserSearchContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
