using System.Net;
using Godwit.Storage;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Passwords;

/// <summary>
/// Every hash format, end to end: a hash made by an independent tool is migrated, its password logs
/// in, and that login replaces the legacy hash with Argon2id.
/// </summary>
public sealed class MigratedHashLoginTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private HttpClient Client => godwit.Host.Client;

    [Theory]
    [MemberData(nameof(HashVectors.Good), MemberType = typeof(HashVectors))]
    public async Task A_migrated_hash_accepts_its_password_refuses_another_and_is_upgraded_at_first_login(string name)
    {
        var vector = HashVectors.Find("vectors.jsonl", name);
        var email = ApiCalls.UniqueEmail(name.Replace('_', '-'));
        var password = (string)vector["password"]!;

        var migrated = await Client.SendJsonAsync(HttpMethod.Post, "/v1/passwords/migrate", HashVectors.MigrateBody(vector, email).ToJsonString());
        var wrong = await Authenticate(email, password + "x");
        var right = await Authenticate(email, password);
        var storedAfter = await StoredHashAsync(migrated.Text("user_id"));
        var again = await Authenticate(email, password);

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        Assert.True(migrated.Body.GetProperty("user_created").GetBoolean());
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (wrong.Status, wrong.ErrorType));
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.NotEmpty(right.Text("session_token"));
        Assert.Equal("argon_2id", storedAfter.HashType);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", storedAfter.Hash, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.Status);
    }

    [Theory]
    [MemberData(nameof(HashVectors.Malformed), MemberType = typeof(HashVectors))]
    public async Task A_malformed_hash_is_refused_at_migrate_time_and_creates_no_user(string name)
    {
        var vector = HashVectors.Find("malformed.jsonl", name);
        var email = ApiCalls.UniqueEmail(name.Replace('_', '-'));

        var migrated = await Client.SendJsonAsync(HttpMethod.Post, "/v1/passwords/migrate", HashVectors.MigrateBody(vector, email).ToJsonString());
        var search = await Client.PostAsync("/v1/users/search", new
        {
            limit = 1,
            query = new { @operator = "AND", operands = new[] { new { filter_name = "email_address", filter_value = new[] { email } } } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, migrated.Status);
        Assert.Matches("^(invalid_|missing_|unexpected_|.*_mismatch$)", migrated.ErrorType);
        Assert.Equal(0, search.Body.GetProperty("results_metadata").GetProperty("total").GetInt32());
    }

    private Task<ApiAnswer> Authenticate(string email, string password) =>
        Client.PostAsync("/v1/passwords/authenticate", new { email, password });

    private async Task<(string HashType, string Hash)> StoredHashAsync(string userId)
    {
        await using var scope = godwit.Host.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().UserPasswords.AsNoTracking()
            .SingleAsync(p => p.UserId == userId, TestContext.Current.CancellationToken);
        return (row.HashType, row.Hash);
    }
}
