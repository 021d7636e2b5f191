using System.Net;
using System.Text.Json;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>Every response that carries a user carries every field of the official SDK's <c>User</c> type.</summary>
public sealed class UserShapeTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private static readonly (string Name, JsonValueKind Kind)[] UserFields =
    [
        ("user_id", JsonValueKind.String),
        ("emails", JsonValueKind.Array),
        ("status", JsonValueKind.String),
        ("phone_numbers", JsonValueKind.Array),
        ("webauthn_registrations", JsonValueKind.Array),
        ("providers", JsonValueKind.Array),
        ("totps", JsonValueKind.Array),
        ("crypto_wallets", JsonValueKind.Array),
        ("biometric_registrations", JsonValueKind.Array),
        ("is_locked", JsonValueKind.False),
        ("roles", JsonValueKind.Array),
        ("name", JsonValueKind.Object),
        ("created_at", JsonValueKind.String),
        ("password", JsonValueKind.Null),
        ("trusted_metadata", JsonValueKind.Object),
        ("untrusted_metadata", JsonValueKind.Object),
        ("external_id", JsonValueKind.Null),
    ];

    private HttpClient Client => godwit.Host.Client;

    [Fact]
    public async Task Create_get_update_search_and_delete_email_all_return_a_complete_user()
    {
        var created = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), phone_number = ApiCalls.UniquePhone() });
        var userId = created.Text("user_id");
        var emailId = created.Text("email_id");

        var read = await Client.GetJsonAsync($"/v1/users/{userId}");
        var updated = await Client.PutAsync($"/v1/users/{userId}", new { name = new { first_name = "Shape" } });
        var searched = await Client.PostAsync("/v1/users/search", new { query = new { @operator = "AND", operands = new[] { new { filter_name = "user_id", filter_value = new[] { userId } } } } });
        var emailDeleted = await Client.DeleteJsonAsync($"/v1/users/emails/{emailId}");

        AssertCompleteUser(created.Body.GetProperty("user"));
        AssertCompleteUser(read.Body);
        AssertCompleteUser(updated.Body.GetProperty("user"));
        AssertCompleteUser(searched.Body.GetProperty("results")[0]);
        AssertCompleteUser(emailDeleted.Body.GetProperty("user"));
        Assert.All(new[] { created, read, updated, searched, emailDeleted }, answer =>
        {
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal(200, answer.Body.GetProperty("status_code").GetInt32());
            Assert.Matches("^request-id-live-[0-9a-f-]{36}$", answer.Text("request_id"));
        });
    }

    [Fact]
    public async Task Created_at_is_rfc3339_utc_to_the_second_and_close_to_now()
    {
        var created = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() });

        var createdAt = created.Body.GetProperty("user").GetProperty("created_at").GetString()!;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", createdAt);
        var instant = DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(instant, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Emails_and_phone_numbers_carry_their_id_address_and_verified_flag()
    {
        var created = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), phone_number = ApiCalls.UniquePhone() });

        var user = created.Body.GetProperty("user");
        var email = user.GetProperty("emails")[0];
        var phone = user.GetProperty("phone_numbers")[0];

        Assert.Equal(["email_id", "email", "verified"], email.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["phone_id", "phone_number", "verified"], phone.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["first_name", "middle_name", "last_name"], user.GetProperty("name").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["stytch_user"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_user_created_with_only_a_phone_number_has_an_empty_email_id()
    {
        var created = await Client.PostAsync("/v1/users", new { phone_number = ApiCalls.UniquePhone() });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("", created.Text("email_id"));
        Assert.Empty(created.Body.GetProperty("user").GetProperty("emails").EnumerateArray());
    }

    private static void AssertCompleteUser(JsonElement user)
    {
        foreach (var (name, kind) in UserFields)
        {
            Assert.True(user.TryGetProperty(name, out var value), $"missing {name} in {user}");
            Assert.True(value.ValueKind == kind, $"{name} is {value.ValueKind}, expected {kind}");
        }
    }
}
