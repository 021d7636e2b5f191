using System.Net;
using System.Text.Json;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>Creating, reading, changing and deleting users: the same behaviour on every database.</summary>
public abstract class UserLifecycleContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task A_user_created_with_every_field_reads_back_the_same_by_user_id_and_by_external_id()
    {
        var email = ApiCalls.UniqueEmail("full");
        var phone = ApiCalls.UniquePhone();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");
        var created = await TestUsers.CreateAsync(Client, new
        {
            email,
            phone_number = phone,
            name = new { first_name = "Ada", middle_name = "King", last_name = "Lovelace" },
            trusted_metadata = new { plan = "pro", seats = 3, tags = new[] { "a", "b" } },
            untrusted_metadata = new { theme = "dark" },
            external_id = externalId,
        });
        var userId = created.GetProperty("user_id").GetString()!;

        var byId = await Client.GetJsonAsync($"/v1/users/{userId}");
        var byExternalId = await Client.GetJsonAsync($"/v1/users/{externalId}");

        Assert.Equal(HttpStatusCode.OK, byId.Status);
        Assert.Equal(HttpStatusCode.OK, byExternalId.Status);
        Assert.Equal(200, byId.Body.GetProperty("status_code").GetInt32());
        Assert.StartsWith("request-id-live-", byId.Text("request_id"), StringComparison.Ordinal);
        Assert.Equal(UserFields(created.GetProperty("user")), UserFields(byId.Body));
        Assert.Equal(UserFields(byId.Body), UserFields(byExternalId.Body));
        Assert.Equal(userId, byId.Text("user_id"));
        Assert.Equal([email], TestUsers.Addresses(byId.Body, "emails", "email"));
        Assert.Equal([phone], TestUsers.Addresses(byId.Body, "phone_numbers", "phone_number"));
        Assert.Equal(created.GetProperty("email_id").GetString(), byId.Body.GetProperty("emails")[0].GetProperty("email_id").GetString());
        Assert.Equal(created.GetProperty("phone_id").GetString(), byId.Body.GetProperty("phone_numbers")[0].GetProperty("phone_id").GetString());
        Assert.Equal("King", byId.Body.GetProperty("name").GetProperty("middle_name").GetString());
        Assert.Equal("pro", byId.Body.GetProperty("trusted_metadata").GetProperty("plan").GetString());
        Assert.Equal(3, byId.Body.GetProperty("trusted_metadata").GetProperty("seats").GetInt32());
        Assert.Equal("dark", byId.Body.GetProperty("untrusted_metadata").GetProperty("theme").GetString());
        Assert.Equal(externalId, byId.Text("external_id"));
        Assert.Equal("active", byId.Text("status"));
    }

    [Fact]
    public async Task A_user_with_neither_email_nor_phone_number_is_refused_as_stytch_refuses_it_and_nothing_is_stored()
    {
        var externalId = "nobody-" + Guid.NewGuid().ToString("N");

        var empty = await Client.SendJsonAsync(HttpMethod.Post, "/v1/users", "{}");
        var named = await Client.PostAsync("/v1/users", new { name = new { first_name = "Nobody" }, external_id = externalId, create_user_as_pending = true });
        var phoneOnly = await Client.PostAsync("/v1/users", new { phone_number = ApiCalls.UniquePhone() });

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_create_user_request"), (empty.Status, empty.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_create_user_request"), (named.Status, named.ErrorType));
        Assert.Equal("An email or a phone_number is required.", named.Text("error_message"));
        Assert.Equal(0, await TestUsers.CountUsersWithExternalIdAsync(Host, externalId));
        Assert.Equal(HttpStatusCode.OK, phoneOnly.Status);
    }

    [Fact]
    public async Task A_user_created_as_pending_is_pending_until_it_authenticates()
    {
        var created = await TestUsers.CreateAsync(Client, new { email = ApiCalls.UniqueEmail(), create_user_as_pending = true });

        var read = await Client.GetJsonAsync($"/v1/users/{created.GetProperty("user_id").GetString()}");

        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal("pending", read.Text("status"));
    }

    [Fact]
    public async Task Updating_metadata_merges_top_level_keys_and_a_null_value_deletes_its_key()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new
        {
            email = ApiCalls.UniqueEmail(),
            trusted_metadata = new { a = 1, nested = new { x = 1 }, gone = "soon", kept = "yes" },
            untrusted_metadata = new { u = 1 },
        });

        var updated = await Client.SendJsonAsync(HttpMethod.Put, $"/v1/users/{userId}",
            """{"trusted_metadata": {"a": 2, "nested": {"y": 2}, "gone": null, "added": true}, "untrusted_metadata": {"v": 2}}""");
        var read = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        // Merging is shallow: a nested object given in the update replaces the stored one whole.
        var expectedTrusted = """{"a":2,"nested":{"y":2},"kept":"yes","added":true}""";
        AssertJsonEqual(expectedTrusted, updated.Body.GetProperty("user").GetProperty("trusted_metadata"));
        AssertJsonEqual(expectedTrusted, read.Body.GetProperty("trusted_metadata"));
        AssertJsonEqual("""{"u":1,"v":2}""", read.Body.GetProperty("untrusted_metadata"));
    }

    [Fact]
    public async Task Updating_without_metadata_leaves_the_stored_metadata_alone()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail(), trusted_metadata = new { a = 1 } });

        await Client.PutAsync($"/v1/users/{userId}", new { name = new { first_name = "Only" } });
        var read = await Client.GetJsonAsync($"/v1/users/{userId}");

        AssertJsonEqual("""{"a":1}""", read.Body.GetProperty("trusted_metadata"));
        Assert.Equal("Only", read.Body.GetProperty("name").GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task Updating_the_name_changes_only_the_parts_given()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail(), name = new { first_name = "Grace", last_name = "Murray" } });

        var updated = await Client.PutAsync($"/v1/users/{userId}", new { name = new { last_name = "Hopper" } });

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        var name = updated.Body.GetProperty("user").GetProperty("name");
        Assert.Equal("Grace", name.GetProperty("first_name").GetString());
        Assert.Equal("Hopper", name.GetProperty("last_name").GetString());
    }

    [Fact]
    public async Task An_email_cannot_be_added_while_the_users_existing_email_is_unverified_and_nothing_is_stored()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail() });
        var extra = ApiCalls.UniqueEmail("extra");

        var refused = await Client.PutAsync($"/v1/users/{userId}", new { emails = new[] { new { email = extra } }, trusted_metadata = new { changed = true } });
        var read = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("unverified_primary_factor", refused.ErrorType);
        Assert.Single(read.Body.GetProperty("emails").EnumerateArray());
        AssertJsonEqual("{}", read.Body.GetProperty("trusted_metadata"));
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(Host, extra));
    }

    [Fact]
    public async Task A_phone_number_cannot_be_added_while_the_users_existing_phone_is_unverified()
    {
        var userId = await TestUsers.CreateIdAsync(Client, new { phone_number = ApiCalls.UniquePhone() });
        var extra = ApiCalls.UniquePhone();

        var refused = await Client.PutAsync($"/v1/users/{userId}", new { phone_numbers = new[] { new { phone_number = extra } } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("unverified_primary_factor", refused.ErrorType);
        Assert.Equal(0, await TestUsers.CountPhoneRowsAsync(Host, extra));
    }

    [Fact]
    public async Task Emails_and_phone_numbers_can_be_added_once_the_existing_ones_are_verified()
    {
        var email = ApiCalls.UniqueEmail();
        var userId = await TestUsers.CreateIdAsync(Client, new { email });
        await TestUsers.MarkAddressesVerifiedAsync(Host, userId);
        var extra = ApiCalls.UniqueEmail("Extra");
        var subscriber = TestUsers.RandomSubscriber();

        var updated = await Client.PutAsync($"/v1/users/{userId}", new
        {
            emails = new[] { new { email = extra } },
            phone_numbers = new[] { new { phone_number = $"+1 (555) {subscriber[..3]}-{subscriber[3..]}" } },
        });
        var read = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(userId, updated.Text("user_id"));
        Assert.Equal([email, extra.ToLowerInvariant()], TestUsers.Addresses(updated.Body, "emails", "email"));
        Assert.Equal(["+1555" + subscriber], TestUsers.Addresses(updated.Body, "phone_numbers", "phone_number"));
        Assert.Equal([true, false], read.Body.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("verified").GetBoolean()));
        Assert.False(read.Body.GetProperty("phone_numbers")[0].GetProperty("verified").GetBoolean());
        Assert.Equal(JsonValueKind.Array, updated.Body.GetProperty("crypto_wallets").ValueKind);
    }

    [Fact]
    public async Task Adding_an_email_another_user_holds_is_a_duplicate_and_changes_nothing()
    {
        var taken = ApiCalls.UniqueEmail("taken");
        await TestUsers.CreateIdAsync(Client, new { email = taken });
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail() });
        await TestUsers.MarkAddressesVerifiedAsync(Host, userId);

        var refused = await Client.PutAsync($"/v1/users/{userId}", new { emails = new[] { new { email = taken.ToUpperInvariant() } } });
        var read = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.Equal("duplicate_email", refused.ErrorType);
        Assert.Single(read.Body.GetProperty("emails").EnumerateArray());
        Assert.Equal(1, await TestUsers.CountEmailRowsAsync(Host, taken));
    }

    [Fact]
    public async Task Changing_the_external_id_to_one_another_user_holds_is_duplicate_user_external_id()
    {
        var taken = "ext-" + Guid.NewGuid().ToString("N");
        await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail(), external_id = taken });
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail(), external_id = "mine-" + Guid.NewGuid().ToString("N") });

        var refused = await Client.PutAsync($"/v1/users/{userId}", new { external_id = taken });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("duplicate_user_external_id", refused.ErrorType);
        Assert.Equal(1, await TestUsers.CountUsersWithExternalIdAsync(Host, taken));
    }

    [Fact]
    public async Task A_deleted_user_is_not_found_and_its_email_can_be_used_again()
    {
        var email = ApiCalls.UniqueEmail();
        var userId = await TestUsers.CreateIdAsync(Client, new { email });

        var deleted = await Client.DeleteJsonAsync($"/v1/users/{userId}");
        var read = await Client.GetJsonAsync($"/v1/users/{userId}");
        var again = await Client.PostAsync("/v1/users", new { email });

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(userId, deleted.Text("user_id"));
        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal("user_not_found", read.ErrorType);
        Assert.Equal(HttpStatusCode.OK, again.Status);
    }

    [Fact]
    public async Task Deleting_an_email_removes_it_from_the_user_and_frees_the_address()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await TestUsers.CreateAsync(Client, new { email, phone_number = ApiCalls.UniquePhone() });
        var userId = created.GetProperty("user_id").GetString()!;

        var deleted = await Client.DeleteJsonAsync($"/v1/users/emails/{created.GetProperty("email_id").GetString()}");
        var read = await Client.GetJsonAsync($"/v1/users/{userId}");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(userId, deleted.Text("user_id"));
        Assert.Empty(deleted.Body.GetProperty("user").GetProperty("emails").EnumerateArray());
        Assert.Empty(read.Body.GetProperty("emails").EnumerateArray());
        Assert.Single(read.Body.GetProperty("phone_numbers").EnumerateArray());
        Assert.Equal(0, await TestUsers.CountEmailRowsAsync(Host, email));
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/v1/users", new { email })).Status);
    }

    [Fact]
    public async Task Deleting_a_phone_number_removes_it_from_the_user_and_frees_the_number()
    {
        var phone = ApiCalls.UniquePhone();
        var created = await TestUsers.CreateAsync(Client, new { email = ApiCalls.UniqueEmail(), phone_number = phone });

        var deleted = await Client.DeleteJsonAsync($"/v1/users/phone_numbers/{created.GetProperty("phone_id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Empty(deleted.Body.GetProperty("user").GetProperty("phone_numbers").EnumerateArray());
        Assert.Single(deleted.Body.GetProperty("user").GetProperty("emails").EnumerateArray());
        Assert.Equal(0, await TestUsers.CountPhoneRowsAsync(Host, phone));
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/v1/users", new { phone_number = phone })).Status);
    }

    [Fact]
    public async Task Deleting_the_external_id_clears_it_so_it_no_longer_finds_the_user_and_can_be_reused()
    {
        var externalId = "ext-" + Guid.NewGuid().ToString("N");
        var userId = await TestUsers.CreateIdAsync(Client, new { email = ApiCalls.UniqueEmail(), external_id = externalId });

        var deleted = await Client.DeleteJsonAsync($"/v1/users/{userId}/external_id");
        var byExternalId = await Client.GetJsonAsync($"/v1/users/{externalId}");
        var byUserId = await Client.GetJsonAsync($"/v1/users/{userId}");
        var reused = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), external_id = externalId });

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(JsonValueKind.Null, deleted.Body.GetProperty("user").GetProperty("external_id").ValueKind);
        Assert.Equal("user_not_found", byExternalId.ErrorType);
        Assert.Equal(JsonValueKind.Null, byUserId.Body.GetProperty("external_id").ValueKind);
        Assert.Equal(HttpStatusCode.OK, reused.Status);
    }

    [Fact]
    public async Task Deleting_an_email_or_phone_id_that_does_not_exist_is_not_found()
    {
        var email = await Client.DeleteJsonAsync($"/v1/users/emails/email-live-{Guid.NewGuid():D}");
        var phone = await Client.DeleteJsonAsync($"/v1/users/phone_numbers/phone-number-live-{Guid.NewGuid():D}");
        var externalId = await Client.DeleteJsonAsync($"/v1/users/user-live-{Guid.NewGuid():D}/external_id");
        var user = await Client.DeleteJsonAsync($"/v1/users/user-live-{Guid.NewGuid():D}");

        Assert.Equal((HttpStatusCode.NotFound, "email_not_found"), (email.Status, email.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "phone_number_not_found"), (phone.Status, phone.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (externalId.Status, externalId.ErrorType));
        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (user.Status, user.ErrorType));
    }

    /// <summary>The User fields of a response, without the envelope, as comparable JSON text.</summary>
    private static string UserFields(JsonElement body)
    {
        var fields = body.EnumerateObject()
            .Where(p => p.Name is not ("request_id" or "status_code"))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{JsonSerializer.Serialize(p.Name)}:{p.Value.GetRawText()}");
        return "{" + string.Join(",", fields) + "}";
    }

    private static void AssertJsonEqual(string expected, JsonElement actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, actual), $"expected {expected}, got {actual.GetRawText()}");
    }
}

public sealed class UserLifecycleOnSqlite(SqliteGodwit godwit) : UserLifecycleContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class UserLifecycleOnPostgres(PostgresGodwit godwit) : UserLifecycleContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
