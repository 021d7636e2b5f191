using System.Net;
using System.Text.Json;
using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Http;
using Microsoft.Extensions.Time.Testing;
using static Godwit.Server.Tests.Events.EventLogReader;

namespace Godwit.Server.Tests.Events;

/// <summary>
/// The identity events over real HTTP: each change recorded once, with who made it and from where,
/// never with a secret, and never for a change that failed.
/// </summary>
public abstract class IdentityEventContract
{
    // bcrypt cost 4 of "password", made by htpasswd (tests/vectors/passwords).
    private const string LegacyBcrypt = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";
    private const string LegacyPassword = "password";
    private const string StrongPassword = "correct horse battery staple of Godwit 1926";
    private const string NewPassword = "another horse, another staple, 1927 edition";

    protected abstract ClockedGodwit Godwit { get; }

    private FakeTimeProvider Clock => Godwit.Clock;

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task A_users_life_is_recorded_in_order_with_the_project_as_actor_and_the_callers_address()
    {
        var email = ApiCalls.UniqueEmail("life");
        var phone = ApiCalls.UniquePhone();
        var externalId = "ext-" + Guid.NewGuid().ToString("N");
        var created = await Client.PostAsync("/v1/users", new { email, phone_number = phone });
        var userId = created.Text("user_id");
        var phoneId = created.Text("phone_id");
        await Client.PutAsync($"/v1/users/{userId}", new { name = new { first_name = "Ada" }, external_id = externalId, trusted_metadata = new { plan = "pro" } });
        await Client.DeleteJsonAsync($"/v1/users/phone_numbers/{phoneId}");
        await Client.DeleteJsonAsync($"/v1/users/{userId}/external_id");
        var deleted = await Client.DeleteJsonAsync($"/v1/users/{userId}");

        var events = await OfUserAsync(Client, userId);

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(["user.created", "user.updated", "phone.removed", "user.updated", "user.deleted"], Types(events));
        Assert.All(events, e =>
        {
            Assert.Equal(userId, e.GetProperty("user_id").GetString());
            Assert.Equal("api_key", e.GetProperty("actor").GetProperty("type").GetString());
            Assert.Equal(Godwit.Host.ProjectId, e.GetProperty("actor").GetProperty("id").GetString());
            Assert.Equal("127.0.0.1", e.GetProperty("ip_address").GetString());
            Assert.StartsWith("event-live-", e.GetProperty("event_id").GetString(), StringComparison.Ordinal);
            Assert.Equal(Clock.GetUtcNow().UtcDateTime, DateTime.Parse(e.GetProperty("occurred_at").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        });
        Assert.Equal("api", Payload(events[0], "via"));
        Assert.Equal(email, Payload(events[0], "email"));
        var update = events[1].GetProperty("payload");
        Assert.Equal(["name", "trusted_metadata", "external_id"], update.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(externalId, update.GetProperty("external_id").GetString());
        Assert.Equal("Ada", update.GetProperty("name").GetProperty("first_name").GetString());
        Assert.False(update.TryGetProperty("trusted_metadata", out _), "Metadata is named, not copied.");
        Assert.Equal(phone, Payload(events[2], "phone_number"));
        Assert.Equal(phoneId, Payload(events[2], "phone_id"));
        Assert.Equal(["external_id"], events[3].GetProperty("payload").GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task A_password_flow_records_every_change_and_no_event_carries_a_password_or_hash()
    {
        var created = ApiCalls.UniqueEmail("pw");
        var migrated = ApiCalls.UniqueEmail("migrated");
        var create = await Client.PostAsync("/v1/passwords", new { email = created, password = StrongPassword });
        var migrate = await Client.PostAsync("/v1/passwords/migrate", new { email = migrated, hash = LegacyBcrypt, hash_type = "bcrypt" });
        var upgradedLogin = await Client.PostAsync("/v1/passwords/authenticate", new { email = migrated, password = LegacyPassword });
        var reset = await Client.PostAsync("/v1/passwords/existing_password/reset", new { email = created, existing_password = StrongPassword, new_password = NewPassword });
        var bySession = await Client.PostAsync("/v1/passwords/session/reset", new { session_token = reset.Text("session_token"), password = StrongPassword });
        var createdUser = create.Text("user_id");
        var migratedUser = migrate.Text("user_id");
        var passwordId = (await Client.GetJsonAsync($"/v1/users/{migratedUser}")).Body.GetProperty("password").GetProperty("password_id").GetString();
        var deleted = await Client.DeleteJsonAsync($"/v1/users/passwords/{passwordId}");

        var ofCreated = await OfUserAsync(Client, createdUser);
        var ofMigrated = await OfUserAsync(Client, migratedUser);

        Assert.Equal(HttpStatusCode.OK, upgradedLogin.Status);
        Assert.Equal(HttpStatusCode.OK, bySession.Status);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("password", Payload(Single(ofCreated, "user.created"), "via"));
        Assert.NotNull(Payload(Single(ofCreated, "password.created"), "password_id"));
        Assert.Equal(["existing_password", "session"], ofCreated.Where(e => e.GetProperty("type").GetString() == "password.reset").Select(e => Payload(e, "method")));
        Assert.Equal("password_migration", Payload(Single(ofMigrated, "user.created"), "via"));
        Assert.Equal("bcrypt", Payload(Single(ofMigrated, "password.migrated"), "hash_type"));
        var upgraded = Single(ofMigrated, "password.upgraded");
        Assert.Equal("bcrypt", Payload(upgraded, "from_hash_type"));
        Assert.NotEqual("bcrypt", Payload(upgraded, "to_hash_type"));
        Assert.Equal(passwordId, Payload(Single(ofMigrated, "password.deleted"), "password_id"));
        AssertNoSecrets([.. ofCreated, .. ofMigrated], StrongPassword, NewPassword, LegacyBcrypt, "$2y$", "$argon2", reset.Text("session_token"), reset.Text("session_jwt"));
    }

    [Fact]
    public async Task The_lock_is_recorded_once_when_the_guesses_set_it_and_no_guess_is_in_it()
    {
        var email = ApiCalls.UniqueEmail("lock");
        var create = await Client.PostAsync("/v1/passwords", new { email, password = StrongPassword });
        var userId = create.Text("user_id");
        for (var i = 0; i < 10; i++)
        {
            await Client.PostAsync("/v1/passwords/authenticate", new { email, password = "wrong guess " + i });
        }

        var refused = await Client.PostAsync("/v1/passwords/authenticate", new { email, password = StrongPassword });
        var events = await OfUserAsync(Client, userId);

        Assert.Equal("user_lock_limit_reached", refused.ErrorType);
        var locked = Single(events, "user.locked");
        Assert.Equal("password_attempts", Payload(locked, "reason"));
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() == "user.unlocked");
        AssertNoSecrets(events, "wrong guess", StrongPassword);
    }

    [Fact]
    public async Task A_change_that_fails_records_nothing()
    {
        var email = ApiCalls.UniqueEmail("dup");
        var externalId = "taken-" + Guid.NewGuid().ToString("N");
        var first = await Client.PostAsync("/v1/users", new { email, external_id = externalId });
        var second = await Client.PostAsync("/v1/users", new { email });
        var other = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail("other") });
        // Refused by the unique index at the save, after the event was recorded: it must vanish with the change.
        var conflicting = await Client.PutAsync($"/v1/users/{other.Text("user_id")}", new { external_id = externalId, name = new { first_name = "Mallory" } });

        var created = (await AllAsync(Client, "types=user.created")).Where(e => Payload(e, "email") == email).ToList();
        var ofOther = await OfUserAsync(Client, other.Text("user_id"));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("duplicate_email", second.ErrorType);
        Assert.Equal("duplicate_user_external_id", conflicting.ErrorType);
        Assert.Single(created);
        Assert.Equal(["user.created"], Types(ofOther));
    }

    [Fact]
    public async Task Paging_by_cursor_returns_every_event_once_in_order_and_filters_narrow_it()
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var since = Clock.GetUtcNow();
        var created = await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail("pages") });
        var userId = created.Text("user_id");
        for (var i = 0; i < 6; i++)
        {
            await Client.PutAsync($"/v1/users/{userId}", new { name = new { first_name = "Name" + i } });
            if (i == 2)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var middle = Clock.GetUtcNow();
        var all = await AllAsync(Client, "user_id=" + userId, limit: 1000);
        var paged = await AllAsync(Client, "user_id=" + userId, limit: 2);
        var onlyCreated = await AllAsync(Client, $"user_id={userId}&types=user.created,user.deleted");
        var afterMiddle = await AllAsync(Client, $"user_id={userId}&since={Uri.EscapeDataString(middle.ToString("O"))}");
        var beforeMiddle = await AllAsync(Client, $"user_id={userId}&since={Uri.EscapeDataString(since.ToString("O"))}&until={Uri.EscapeDataString(middle.ToString("O"))}");

        Assert.Equal(7, all.Count);
        Assert.Equal(all.Select(e => e.GetProperty("event_id").GetString()), paged.Select(e => e.GetProperty("event_id").GetString()));
        Assert.Equal(7, paged.Select(e => e.GetProperty("event_id").GetString()).Distinct().Count());
        Assert.Equal(["user.created"], Types(onlyCreated));
        Assert.Equal(3, afterMiddle.Count);
        Assert.Equal(4, beforeMiddle.Count);
        Assert.Equal(["Name0", "Name1", "Name2", "Name3", "Name4", "Name5"], all.Skip(1).Select(e => e.GetProperty("payload").GetProperty("name").GetProperty("first_name").GetString()));
    }

    [Theory]
    [InlineData("types=user.created,user.exploded", "invalid_event_type")]
    [InlineData("types=", "invalid_event_type")]
    [InlineData("types=USER.CREATED", "invalid_event_type")]
    [InlineData("since=yesterday", "invalid_time")]
    [InlineData("since=2026-01-01T00:00:00", "invalid_time")]
    [InlineData("until=2026-13-01T00:00:00Z", "invalid_time")]
    [InlineData("limit=0", "invalid_limit")]
    [InlineData("limit=1001", "invalid_limit")]
    [InlineData("limit=-1", "invalid_limit")]
    [InlineData("limit=ten", "invalid_limit")]
    [InlineData("limit=99999999999999999999", "invalid_limit")]
    [InlineData("cursor=!!!", "invalid_cursor")]
    [InlineData("cursor=eHx5", "invalid_cursor")]
    [InlineData("cursor=", "invalid_cursor")]
    [InlineData("user_id=someone", "invalid_user_id")]
    [InlineData("type=user.created", "invalid_query_parameter")]
    [InlineData("limit=1&limit=2", "invalid_query_parameter")]
    public async Task A_malformed_query_answers_400_with_its_error_type(string query, string errorType)
    {
        var answer = await Client.GetJsonAsync("/v1/events?" + query);

        Assert.Equal((HttpStatusCode.BadRequest, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal(400, answer.Body.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task The_event_log_needs_the_project_secret()
    {
        var anonymous = await Godwit.Host.Anonymous.GetJsonAsync("/v1/events");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.False(anonymous.Body.TryGetProperty("events", out _));
    }

    [Fact]
    public async Task Importing_records_one_event_per_imported_user_and_none_for_a_failed_row()
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var since = Uri.EscapeDataString(Clock.GetUtcNow().ToString("O"));
        var taken = ApiCalls.UniqueEmail("taken");
        await Client.PostAsync("/v1/users", new { email = taken });
        var phone = ApiCalls.UniquePhone();
        await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail("phone-owner"), phone_number = phone });
        var imported = await Client.PostAsync("/v1/users/import", new
        {
            users = new object[]
            {
                new { email = ApiCalls.UniqueEmail("imported-a"), hash = LegacyBcrypt, hash_type = "bcrypt" },
                new { email = ApiCalls.UniqueEmail("imported-b") },
                new { email = "not an email" },
                new { email = ApiCalls.UniqueEmail("conflict"), phone_number = phone },
                new { email = taken },
            },
        });

        var userImported = await AllAsync(Client, $"types=user.imported&since={since}");
        var started = Single(await AllAsync(Client, $"types=import.started&since={since}"), "import.started");
        var finished = Single(await AllAsync(Client, $"types=import.finished&since={since}"), "import.finished");

        Assert.Equal(HttpStatusCode.OK, imported.Status);
        var results = imported.Body.GetProperty("results").EnumerateArray().ToList();
        var createdIds = results.Where(r => r.GetProperty("outcome").GetString() == "created").Select(r => r.GetProperty("user_id").GetString()).ToList();
        Assert.Equal(2, createdIds.Count);
        // Events of one instant are ordered by id, not by row: compare as sets.
        Assert.Equal(createdIds.Order(StringComparer.Ordinal), userImported.Select(e => e.GetProperty("user_id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(userImported, e => Assert.Equal("created", Payload(e, "outcome")));
        Assert.Equal("bcrypt", Payload(Assert.Single(userImported, e => e.GetProperty("user_id").GetString() == createdIds[0]), "hash_type"));
        Assert.Equal(Payload(started, "import_id"), Payload(finished, "import_id"));
        Assert.Equal(("5", "2", "1", "2"), (Payload(finished, "rows"), Payload(finished, "imported"), Payload(finished, "skipped"), Payload(finished, "failed")));
        AssertNoSecrets(userImported, LegacyBcrypt, "$2y$");
    }

    /// <summary>Whatever the payloads say, none of these texts (passwords, hashes, tokens) may be in them.</summary>
    private static void AssertNoSecrets(IEnumerable<JsonElement> events, params string[] secrets)
    {
        var text = JsonSerializer.Serialize(events.Select(e => e.GetProperty("payload")).ToList());
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}

public sealed class IdentityEventsOnSqlite(ClockedSqliteGodwit godwit) : IdentityEventContract, IClassFixture<ClockedSqliteGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}

public sealed class IdentityEventsOnPostgres(ClockedPostgresGodwit godwit) : IdentityEventContract, IClassFixture<ClockedPostgresGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}
