using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;

namespace Godwit.Storage.Tests.Users;

/// <summary>
/// Filters and pages of <see cref="IUserStore.SearchAsync"/>. Each test's users share a token in their
/// email addresses, and every search is narrowed to it, so the other tests' users never count.
/// </summary>
public abstract class UserSearchContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_follow_creation_order_then_user_id_and_the_total_counts_every_match()
    {
        var token = Token();
        var start = Rows.Now.AddMinutes(-10);
        // Two users created at the same instant: the user id orders them.
        var users = new[]
        {
            await AddAsync(token, start.AddSeconds(3)),
            await AddAsync(token, start),
            await AddAsync(token, start.AddSeconds(1)),
            await AddAsync(token, start.AddSeconds(1)),
            await AddAsync(token, start.AddSeconds(2)),
        };
        var expected = users.OrderBy(u => u.CreatedAt).ThenBy(u => u.UserId, StringComparer.Ordinal).Select(u => u.UserId).ToList();

        var seen = new List<string>();
        UserSearchCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync(new UserFilter.EmailContains(token), cursor, limit: 2);
            Assert.Equal(5, page.Total);
            seen.AddRange(page.Users.Select(u => u.UserId));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_match_has_no_next_cursor()
    {
        var token = Token();
        await AddAsync(token, Rows.Now);
        await AddAsync(token, Rows.Now.AddSeconds(1));

        var page = await SearchAsync(new UserFilter.EmailContains(token), null, limit: 2);

        Assert.Equal(2, page.Users.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Found_users_carry_their_emails_phones_and_password()
    {
        var token = Token();
        var user = Rows.FullUser();
        user.Emails.Clear();
        user.Emails.Add(new UserEmail { EmailId = Rows.Id(PrefixedId.Email), UserId = user.UserId, Address = $"{token}@example.com", Verified = true, CreatedAt = user.CreatedAt });
        await Database.AddAsync(user);

        var page = await SearchAsync(new UserFilter.EmailContains(token), null, limit: 10);

        UserStoreContract.AssertSameUser(user, Assert.Single(page.Users));
    }

    [Fact]
    public async Task Each_filter_matches_only_the_users_it_names()
    {
        var token = Token();
        var now = Rows.Now;
        var ada = await AddAsync(token, now.AddMinutes(-3), u =>
        {
            u.FirstName = "Ada";
            u.MiddleName = "King";
            u.LastName = "Lovelace";
            u.Status = UserStatus.Active;
            u.Emails[0].Verified = true;
        });
        var bob = await AddAsync(token, now.AddMinutes(-2), u =>
        {
            u.FirstName = "Bob";
            u.LastName = "Stone";
            u.Phones.Add(new UserPhone { PhoneId = Rows.Id(PrefixedId.Phone), UserId = u.UserId, Number = Rows.Phone(), Verified = true, CreatedAt = u.CreatedAt });
        });
        var cat = await AddAsync(token, now.AddMinutes(-1), u => u.Phones.Add(new UserPhone { PhoneId = Rows.Id(PrefixedId.Phone), UserId = u.UserId, Number = Rows.Phone(), CreatedAt = u.CreatedAt }));

        await AssertMatchesAsync(token, new UserFilter.UserIdIn([ada.UserId, cat.UserId]), ada, cat);
        await AssertMatchesAsync(token, new UserFilter.EmailIn([bob.Emails[0].Address]), bob);
        await AssertMatchesAsync(token, new UserFilter.EmailIdIn([cat.Emails[0].EmailId]), cat);
        await AssertMatchesAsync(token, new UserFilter.EmailVerified(true), ada);
        await AssertMatchesAsync(token, new UserFilter.EmailVerified(false), bob, cat);
        await AssertMatchesAsync(token, new UserFilter.PhoneIn([bob.Phones[0].Number]), bob);
        await AssertMatchesAsync(token, new UserFilter.PhoneIdIn([cat.Phones[0].PhoneId]), cat);
        await AssertMatchesAsync(token, new UserFilter.PhoneContains(cat.Phones[0].Number[2..]), cat);
        await AssertMatchesAsync(token, new UserFilter.PhoneVerified(true), bob);
        await AssertMatchesAsync(token, new UserFilter.StatusIs(UserStatus.Active), ada);
        await AssertMatchesAsync(token, new UserFilter.StatusIs(UserStatus.Pending), bob, cat);
        await AssertMatchesAsync(token, new UserFilter.CreatedAfter(bob.CreatedAt), cat);
        await AssertMatchesAsync(token, new UserFilter.CreatedBefore(bob.CreatedAt), ada);
        await AssertMatchesAsync(token, new UserFilter.FullNameContains("ada king lovelace"), ada);
        await AssertMatchesAsync(token, new UserFilter.FullNameContains("bob stone"), bob);
        await AssertMatchesAsync(token, new UserFilter.Any([new UserFilter.UserIdIn([ada.UserId]), new UserFilter.PhoneVerified(true)]), ada, bob);
        await AssertMatchesAsync(token, new UserFilter.All([new UserFilter.StatusIs(UserStatus.Pending), new UserFilter.PhoneVerified(false)]), cat);
    }

    private static string Token() => Guid.NewGuid().ToString("N")[..12];

    private async Task<User> AddAsync(string token, DateTime createdAt, Action<User>? shape = null)
    {
        var user = Rows.User($"{token}-{Guid.NewGuid():N}@example.com", createdAt: createdAt);
        shape?.Invoke(user);
        return await Database.AddAsync(user);
    }

    private Task<UserSearchPage> SearchAsync(UserFilter filter, UserSearchCursor? after, int limit) =>
        Database.UseAsync<IUserStore, UserSearchPage>(store => store.SearchAsync(filter, after, limit, Cancel));

    private async Task AssertMatchesAsync(string token, UserFilter filter, params User[] expected)
    {
        var page = await SearchAsync(new UserFilter.All([new UserFilter.EmailContains(token), filter]), null, limit: 10);
        Assert.Equal(expected.Select(u => u.UserId), page.Users.Select(u => u.UserId));
        Assert.Equal(expected.Length, page.Total);
    }
}

public sealed class UserSearchOnSqlite(SqliteStores database) : UserSearchContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class UserSearchOnPostgres(PostgresStores database) : UserSearchContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
