using System.Net;
using System.Text.Json;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>Walking search results page by page with next_cursor: the same behaviour on every database.</summary>
public abstract class UserSearchPaginationContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task Following_next_cursor_visits_every_matching_user_exactly_once_and_ends_without_a_cursor()
    {
        var domain = TestUsers.UniqueDomain();
        var created = await CreateUsersAsync(domain, 25);

        var pages = await WalkAsync(domain, limit: 7);

        Assert.Equal([7, 7, 7, 4], pages.Select(p => p.Ids.Count));
        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal(created.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Ids).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Users_created_while_paging_cause_neither_repeats_nor_skips_of_the_users_that_were_there()
    {
        var domain = TestUsers.UniqueDomain();
        var existing = await CreateUsersAsync(domain, 20);
        // Thirty more users arrive in the background while the walk runs, and one between any two
        // pages; the walk consumes three per page, so it always ends.
        var creating = Task.Run(() => CreateUsersAsync(domain, 30), TestContext.Current.CancellationToken);

        var pages = await WalkAsync(domain, limit: 3, betweenPages: () => CreateUsersAsync(domain, 1));
        await creating;

        var visited = pages.SelectMany(p => p.Ids).ToList();
        Assert.Equal(visited.Count, visited.Distinct().Count());
        Assert.Subset(visited.ToHashSet(), existing.ToHashSet());
        Assert.True(visited.Count > existing.Count, "users created during the walk and after its position are found too");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task A_limit_from_1_to_1000_is_accepted(int limit)
    {
        var answer = await Client.PostAsync("/v1/users/search", new { limit });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Body.GetProperty("results").GetArrayLength() <= limit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task A_limit_outside_1_to_1000_is_user_search_invalid_limit(int limit)
    {
        var answer = await Client.PostAsync("/v1/users/search", new { limit });

        Assert.Equal((HttpStatusCode.BadRequest, "user_search_invalid_limit"), (answer.Status, answer.ErrorType));
    }

    private async Task<List<string>> CreateUsersAsync(string domain, int count)
    {
        var ids = new List<string>();
        foreach (var _ in Enumerable.Range(0, count))
        {
            ids.Add(await TestUsers.CreateIdAsync(Client, new { email = $"p{Guid.NewGuid():N}@{domain}" }));
        }

        return ids;
    }

    private async Task<List<Page>> WalkAsync(string domain, int limit, Func<Task>? betweenPages = null)
    {
        var pages = new List<Page>();
        string? cursor = null;
        do
        {
            var answer = await Client.PostAsync("/v1/users/search", new
            {
                limit,
                cursor,
                query = new { @operator = "AND", operands = new[] { new { filter_name = "email_address_fuzzy", filter_value = domain } } },
            });
            Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
            var metadata = answer.Body.GetProperty("results_metadata");
            pages.Add(new Page(TestUsers.UserIds(answer.Body), metadata.GetProperty("total").GetInt32()));
            cursor = metadata.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            Assert.True(pages.Count < 200, "the walk ends");
            if (cursor is not null && betweenPages is not null)
            {
                await betweenPages();
            }
        }
        while (cursor is not null);

        return pages;
    }

    private sealed record Page(List<string> Ids, int Total);
}

public sealed class UserSearchPaginationOnSqlite(SqliteGodwit godwit) : UserSearchPaginationContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class UserSearchPaginationOnPostgres(PostgresGodwit godwit) : UserSearchPaginationContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
