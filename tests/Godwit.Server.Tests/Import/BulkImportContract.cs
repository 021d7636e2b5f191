using System.Net;
using System.Text.Json;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Import;

/// <summary>POST /v1/users/import on every database: per-row answers, idempotence, concurrency, limits.</summary>
public abstract class BulkImportContract
{
    // bcrypt cost 4 of "password", made by htpasswd (tests/vectors/passwords).
    private const string Bcrypt = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";

    protected abstract GodwitHost Host { get; }

    [Fact]
    public async Task Each_user_is_answered_on_its_own_and_a_bad_row_fails_alone()
    {
        var tag = Guid.NewGuid().ToString("N");
        var answer = await Host.Client.PostAsync("/v1/users/import", new
        {
            users = new object[]
            {
                new { external_id = $"legacy-1-{tag}", email = $"one-{tag}@example.com", set_email_verified = true, name = new { first_name = "One" }, hash = Bcrypt, hash_type = "bcrypt" },
                new { external_id = $"legacy-2-{tag}", email = "not an email" },
                new { external_id = $"legacy-3-{tag}", email = $"three-{tag}@example.com", trusted_metadata = "not an object" },
                new { external_id = $"legacy-4-{tag}", phone_number = ApiCalls.UniquePhone() },
            },
        });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var results = answer.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["created", "failed", "failed", "created"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal("invalid_email", results[1].GetProperty("error_type").GetString());
        Assert.Equal("metadata_invalid_format", results[2].GetProperty("error_type").GetString());
        Assert.Equal((2, 2), (answer.Body.GetProperty("created").GetInt32(), answer.Body.GetProperty("failed").GetInt32()));
        var user = await Host.Client.GetJsonAsync($"/v1/users/legacy-1-{tag}");
        Assert.Equal(results[0].GetProperty("user_id").GetString(), user.Text("user_id"));
        Assert.True(user.Body.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        var login = await Host.Client.PostAsync("/v1/passwords/authenticate", new { email = $"one-{tag}@example.com", password = "password" });
        Assert.Equal(HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task A_row_that_is_not_an_object_or_has_a_field_of_the_wrong_type_fails_alone_with_that_fields_error()
    {
        var tag = Guid.NewGuid().ToString("N");
        var body = $$"""
            {"users": [
                42,
                {"email": "name-{{tag}}@example.com", "name": "Ada"},
                {"email": "config-{{tag}}@example.com", "hash_type": "md_5", "hash": "5f4dcc3b5aa765d61d8327deb882cf99", "md_5_config": "salty"},
                {"email": "flag-{{tag}}@example.com", "set_email_verified": "yes"},
                {"email": "fine-{{tag}}@example.com"}
            ]}
            """;

        var answer = await Host.Client.SendJsonAsync(HttpMethod.Post, "/v1/users/import", body);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var results = answer.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["failed", "failed", "failed", "failed", "created"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(["bad_request", "invalid_name", "bad_request", "bad_request"], results.Take(4).Select(r => r.GetProperty("error_type").GetString()));
        var search = await Host.Client.PostAsync("/v1/users/search", new
        {
            query = new { @operator = "OR", operands = new[] { new { filter_name = "email_address", filter_value = new[] { $"name-{tag}@example.com", $"config-{tag}@example.com", $"flag-{tag}@example.com", $"fine-{tag}@example.com" } } } },
        });
        // Only the good row's user exists: the bad rows wrote nothing.
        var found = Assert.Single(search.Body.GetProperty("results").EnumerateArray());
        Assert.Equal($"fine-{tag}@example.com", found.GetProperty("emails")[0].GetProperty("email").GetString());
    }

    [Fact]
    public async Task Sending_the_same_users_again_or_at_the_same_moment_creates_each_once()
    {
        var tag = Guid.NewGuid().ToString("N");
        var users = Enumerable.Range(0, 200).Select(i => new { external_id = $"same-{i}-{tag}", email = $"same-{i}-{tag}@example.com" }).ToArray();

        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Host.Client.PostAsync("/v1/users/import", new { users })));
        var again = await Host.Client.PostAsync("/v1/users/import", new { users });

        Assert.All(together, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(200, together.Sum(answer => answer.Body.GetProperty("created").GetInt32()));
        Assert.Equal(400, together.Sum(answer => answer.Body.GetProperty("skipped").GetInt32()));
        Assert.Equal(200, again.Body.GetProperty("skipped").GetInt32());
        var ids = together.SelectMany(answer => answer.Body.GetProperty("results").EnumerateArray()).GroupBy(r => r.GetProperty("index").GetInt32());
        Assert.All(ids, same => Assert.Single(same.Select(r => r.GetProperty("user_id").GetString()).Distinct()));
    }

    [Fact]
    public async Task No_users_or_more_than_a_thousand_is_refused_whole()
    {
        var none = await Host.Client.PostAsync("/v1/users/import", new { users = Array.Empty<object>() });
        var tooMany = await Host.Client.PostAsync("/v1/users/import", new { users = Enumerable.Range(0, 1001).Select(i => new { email = $"x{i}@example.com" }) });
        var notArray = await Host.Client.SendJsonAsync(HttpMethod.Post, "/v1/users/import", JsonSerializer.Serialize(new { users = "all of them" }));

        Assert.Equal((HttpStatusCode.BadRequest, "bulk_migrate_invalid_user_count"), (none.Status, none.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "bulk_migrate_invalid_user_count"), (tooMany.Status, tooMany.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "bulk_migrate_invalid_user_count"), (notArray.Status, notArray.ErrorType));
    }
}

public sealed class BulkImportOnSqlite(SqliteGodwit godwit) : BulkImportContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class BulkImportOnPostgres(PostgresGodwit godwit) : BulkImportContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
