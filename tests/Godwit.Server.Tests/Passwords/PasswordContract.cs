using System.Net;
using System.Text.RegularExpressions;
using Inbox = Godwit.Server.Tests.MagicLinks.Inbox;
using Godwit.Server.Tests.Sessions;
using Godwit.Storage;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Passwords;

/// <summary>Password logins, locks, creation, resets and deletion, on every database, with a fake clock.</summary>
public abstract partial class PasswordContract
{
    // bcrypt cost 4 of "password", made by htpasswd (tests/vectors/passwords).
    private const string LegacyBcrypt = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";
    private const string LegacyPassword = "password";
    private const string StrongPassword = "correct horse battery staple of Godwit 1926";

    protected abstract ClockedGodwit Godwit { get; }

    private FakeTimeProvider Clock => Godwit.Clock;

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task Migrating_onto_an_existing_user_without_a_password_attaches_it_and_a_second_migrate_is_refused()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });

        var first = await Migrate(email);
        var second = await Migrate(email);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Body.GetProperty("user_created").GetBoolean());
        Assert.Equal(created.Text("user_id"), first.Text("user_id"));
        Assert.StartsWith("password-live-", first.Body.GetProperty("user").GetProperty("password").GetProperty("password_id").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "password_already_exists"), (second.Status, second.ErrorType));
    }

    [Fact]
    public async Task Migrate_creates_the_user_with_every_create_user_field_and_only_the_attested_verifications()
    {
        var email = ApiCalls.UniqueEmail();
        var phone = ApiCalls.UniquePhone();
        var externalId = "legacy-" + Guid.NewGuid().ToString("N");

        var migrated = await Client.PostAsync("/v1/passwords/migrate", new
        {
            email,
            hash = LegacyBcrypt,
            hash_type = "bcrypt",
            phone_number = phone,
            external_id = externalId,
            set_email_verified = true,
            name = new { first_name = "Ada", last_name = "Lovelace" },
            trusted_metadata = new { plan = "gold" },
        });

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        var user = migrated.Body.GetProperty("user");
        Assert.True(user.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.False(user.GetProperty("phone_numbers")[0].GetProperty("verified").GetBoolean());
        Assert.Equal(externalId, user.GetProperty("external_id").GetString());
        Assert.Equal("Ada", user.GetProperty("name").GetProperty("first_name").GetString());
        Assert.Equal("gold", user.GetProperty("trusted_metadata").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task An_hmac_hash_keyed_by_binary_bytes_in_hex_logs_in_and_a_key_that_does_not_decode_stores_nothing()
    {
        // hmac_sha_256_openssl_hex_key in tests/vectors/passwords: OpenSSL's HMAC over a random 32-byte key.
        const string Hash = "1a3fd059dbb6b59e8ec29673fbe3fc5fca3c68c23ffbc38912772d9cc97107d6";
        const string HexKey = "177c1a81b783435857c5618b999f11c5a5df8a5062750809a2d39601a3b1ba2d";
        var (email, refusedEmail) = (ApiCalls.UniqueEmail(), ApiCalls.UniqueEmail());

        var asText = await Client.PostAsync("/v1/passwords/migrate", new { email = refusedEmail, hash = Hash, hash_type = "hmac_sha_256", hmac_config = new { key = HexKey + "g", key_encoding = "hex" } });
        var unknown = await Client.PostAsync("/v1/passwords/migrate", new { email = refusedEmail, hash = Hash, hash_type = "hmac_sha_256", hmac_config = new { key = HexKey, key_encoding = "latin1" } });
        var migrated = await Client.PostAsync("/v1/passwords/migrate", new { email, hash = Hash, hash_type = "hmac_sha_256", set_email_verified = true, hmac_config = new { key = HexKey, key_encoding = "hex" } });
        var login = await Authenticate(email, "password");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_hmac_config"), (asText.Status, asText.ErrorType));
        Assert.Contains("not hex", asText.Text("error_message"), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_hmac_config"), (unknown.Status, unknown.ErrorType));
        Assert.Contains("'latin1'", unknown.Text("error_message"), StringComparison.Ordinal);
        Assert.Equal(0, await Users.TestUsers.CountEmailRowsAsync(Godwit.Host, refusedEmail));
        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        Assert.Equal(HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task An_unknown_hash_type_and_a_missing_config_are_refused_before_anything_is_written()
    {
        var email = ApiCalls.UniqueEmail();

        var unknown = await Client.PostAsync("/v1/passwords/migrate", new { email, hash = "abc", hash_type = "rot13" });
        var noConfig = await Client.PostAsync("/v1/passwords/migrate", new { email, hash = "c2FsdA==", hash_type = "pbkdf_2" });
        var wrongType = await Client.PostAsync("/v1/passwords/migrate", new { email, hash = "c2FsdA==", hash_type = "scrypt", scrypt_config = new { salt = "c2FsdA==", n_parameter = "16384" } });
        var afterwards = await Migrate(email);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_hash_type"), (unknown.Status, unknown.ErrorType));
        Assert.Equal(HttpStatusCode.BadRequest, noConfig.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (wrongType.Status, wrongType.ErrorType));
        Assert.Contains("scrypt_config.n_parameter", wrongType.Text("error_message"), StringComparison.Ordinal);
        Assert.True(afterwards.Body.GetProperty("user_created").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_email_and_a_user_without_a_password_answer_like_a_wrong_password()
    {
        var withoutPassword = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/users", new { email = withoutPassword });
        var withPassword = ApiCalls.UniqueEmail();
        await Migrate(withPassword);

        var unknown = await Authenticate(ApiCalls.UniqueEmail(), LegacyPassword);
        var none = await Authenticate(withoutPassword, LegacyPassword);
        var wrong = await Authenticate(withPassword, "not the password");
        var malformed = await Client.PostAsync("/v1/passwords/authenticate", new { email = "not an email", password = "x" });
        var missing = await Client.PostAsync("/v1/passwords/authenticate", new { email = withoutPassword });

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (unknown.Status, unknown.ErrorType));
        Assert.Equal(wrong.Body.GetProperty("error_message").GetString(), unknown.Body.GetProperty("error_message").GetString());
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (none.Status, none.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_email"), (malformed.Status, malformed.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_password"), (missing.Status, missing.ErrorType));
    }

    [Fact]
    public async Task A_password_login_starts_an_hour_long_session_with_the_password_factor()
    {
        var email = ApiCalls.UniqueEmail();
        await Migrate(email);

        var answer = await Authenticate(email, LegacyPassword);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var session = answer.Body.GetProperty("session");
        var started = DateTimeOffset.Parse(session.GetProperty("started_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse(session.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromMinutes(60), expires - started);
        var factor = session.GetProperty("authentication_factors")[0];
        Assert.Equal(("password", "knowledge"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.Equal(email, factor.GetProperty("email_factor").GetProperty("email_address").GetString());
    }

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_user_for_an_hour_even_against_the_right_password()
    {
        var email = ApiCalls.UniqueEmail();
        await Migrate(email);

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var wrong = await Authenticate(email, "wrong-" + attempt);
            Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (wrong.Status, wrong.ErrorType));
        }

        var locked = await Authenticate(email, LegacyPassword);
        var user = (await Client.GetJsonAsync($"/v1/users/{await UserIdAsync(email)}")).Body;
        Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        var stillLocked = await Authenticate(email, LegacyPassword);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var unlocked = await Authenticate(email, LegacyPassword);

        Assert.Equal((HttpStatusCode.TooManyRequests, "user_lock_limit_reached"), (locked.Status, locked.ErrorType));
        Assert.Equal(TimeSpan.FromHours(1), TimeSpan.FromSeconds(locked.RetryAfterSeconds!.Value));
        Assert.True(user.GetProperty("is_locked").GetBoolean());
        Assert.NotNull(user.GetProperty("lock_expires_at").GetString());
        Assert.Equal((HttpStatusCode.TooManyRequests, "user_lock_limit_reached"), (stillLocked.Status, stillLocked.ErrorType));
        Assert.Equal(HttpStatusCode.OK, unlocked.Status);
        Assert.False(unlocked.Body.GetProperty("user").GetProperty("is_locked").GetBoolean());
    }

    [Fact]
    public async Task A_success_clears_the_failure_count_so_only_consecutive_failures_lock()
    {
        var email = ApiCalls.UniqueEmail();
        await Migrate(email);

        for (var attempt = 0; attempt < 9; attempt++)
        {
            await Authenticate(email, "wrong");
        }

        var success = await Authenticate(email, LegacyPassword);
        for (var attempt = 0; attempt < 9; attempt++)
        {
            await Authenticate(email, "wrong");
        }

        var stillOpen = await Authenticate(email, LegacyPassword);

        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.Equal(HttpStatusCode.OK, stillOpen.Status);
    }

    [Fact]
    public async Task Parallel_first_logins_of_a_migrated_user_all_succeed_and_leave_one_argon2id_hash()
    {
        var email = ApiCalls.UniqueEmail();
        var userId = (await Migrate(email)).Text("user_id");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Authenticate(email, LegacyPassword)));
        var after = await Authenticate(email, LegacyPassword);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(HttpStatusCode.OK, after.Status);
        await using var scope = Godwit.Host.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().UserPasswords.AsNoTracking()
            .Where(p => p.UserId == userId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal("argon_2id", Assert.Single(rows).HashType);
    }

    [Fact]
    public async Task Create_refuses_weak_and_breached_passwords_and_an_existing_email_and_logs_a_new_user_in()
    {
        var email = ApiCalls.UniqueEmail();

        var weak = await Create(email, "abc123xyz");
        var breached = await Create(email, "qwertyuiop");
        var created = await Create(email, StrongPassword);
        var again = await Create(email, StrongPassword);
        var login = await Authenticate(email, StrongPassword);

        Assert.Equal((HttpStatusCode.BadRequest, "weak_password"), (weak.Status, weak.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "weak_password"), (breached.Status, breached.ErrorType));
        Assert.Contains("breached", breached.Text("error_message"), StringComparison.Ordinal);
        Assert.DoesNotContain("breached", weak.Text("error_message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.NotEmpty(created.Text("session_token"));
        Assert.NotEmpty(created.Text("email_id"));
        Assert.Equal((HttpStatusCode.BadRequest, "duplicate_email"), (again.Status, again.ErrorType));
        Assert.Equal(HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task Strength_check_scores_a_breached_password_low_and_a_passphrase_high()
    {
        var email = ApiCalls.UniqueEmail();

        var weak = await Client.PostAsync("/v1/passwords/strength_check", new { password = "password1", email });
        var strong = await Client.PostAsync("/v1/passwords/strength_check", new { password = StrongPassword, email });

        Assert.Equal(HttpStatusCode.OK, weak.Status);
        Assert.False(weak.Body.GetProperty("valid_password").GetBoolean());
        Assert.True(weak.Body.GetProperty("breached_password").GetBoolean());
        Assert.Equal("zxcvbn", weak.Text("strength_policy"));
        Assert.NotEmpty(weak.Body.GetProperty("feedback").GetProperty("suggestions").EnumerateArray());
        Assert.True(strong.Body.GetProperty("valid_password").GetBoolean());
        Assert.Equal(4, strong.Body.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task An_email_reset_sets_the_password_verifies_the_email_revokes_old_sessions_and_works_once()
    {
        var email = ApiCalls.UniqueEmail();
        await Migrate(email);
        var oldSession = await Authenticate(email, LegacyPassword);

        var started = await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = "https://app.example/reset" });
        var token = ResetTokenIn((await Inbox.EmailAsync(Godwit.Host, email)).TextBody!);
        var reset = await Client.PostAsync("/v1/passwords/email/reset", new { token, password = StrongPassword });
        var reused = await Client.PostAsync("/v1/passwords/email/reset", new { token, password = StrongPassword + "!" });
        var oldPassword = await Authenticate(email, LegacyPassword);
        var newPassword = await Authenticate(email, StrongPassword);
        var oldSessionCheck = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = oldSession.Text("session_token") });

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.True(reset.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_password_reset_token"), (reused.Status, reused.ErrorType));
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.Status);
        Assert.Equal(HttpStatusCode.OK, newPassword.Status);
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (oldSessionCheck.Status, oldSessionCheck.ErrorType));
    }

    [Fact]
    public async Task A_weak_new_password_does_not_use_up_the_reset_link_and_the_link_expires()
    {
        var email = ApiCalls.UniqueEmail();
        await Migrate(email);
        await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = "https://app.example/reset", reset_password_expiration_minutes = 5 });
        var token = ResetTokenIn((await Inbox.EmailAsync(Godwit.Host, email)).TextBody!);

        var weak = await Client.PostAsync("/v1/passwords/email/reset", new { token, password = "123456" });
        Clock.Advance(TimeSpan.FromMinutes(5));
        var expired = await Client.PostAsync("/v1/passwords/email/reset", new { token, password = StrongPassword });

        Assert.Equal(HttpStatusCode.BadRequest, weak.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_password_reset_token"), (expired.Status, expired.ErrorType));
    }

    [Fact]
    public async Task A_reset_token_is_not_a_magic_link()
    {
        var email = ApiCalls.UniqueEmail();
        await Migrate(email);
        await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = "https://app.example/reset" });
        var token = ResetTokenIn((await Inbox.EmailAsync(Godwit.Host, email)).TextBody!);

        var asMagicLink = await Client.PostAsync("/v1/magic_links/authenticate", new { token });

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_magic_link"), (asMagicLink.Status, asMagicLink.ErrorType));
    }

    [Fact]
    public async Task Existing_password_reset_needs_the_current_password()
    {
        var email = ApiCalls.UniqueEmail();
        await Migrate(email);

        var wrong = await Client.PostAsync("/v1/passwords/existing_password/reset", new { email, existing_password = "nope", new_password = StrongPassword });
        var right = await Client.PostAsync("/v1/passwords/existing_password/reset", new { email, existing_password = LegacyPassword, new_password = StrongPassword });
        var login = await Authenticate(email, StrongPassword);

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (wrong.Status, wrong.ErrorType));
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Equal(HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task Session_reset_needs_a_factor_from_the_last_five_minutes()
    {
        var email = ApiCalls.UniqueEmail();
        await Migrate(email);
        var stale = await Client.PostAsync("/v1/passwords/authenticate", new { email, password = LegacyPassword, session_duration_minutes = 600 });
        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var fresh = await Client.PostAsync("/v1/passwords/authenticate", new { email, password = LegacyPassword, session_duration_minutes = 600 });

        var tooLate = await Client.PostAsync("/v1/passwords/session/reset", new { session_token = stale.Text("session_token"), password = StrongPassword });
        Clock.Advance(TimeSpan.FromMinutes(5));
        var inTime = await Client.PostAsync("/v1/passwords/session/reset", new { session_jwt = fresh.Text("session_jwt"), password = StrongPassword });
        var staleAfter = await Client.PostAsync("/v1/sessions/authenticate", new { session_token = stale.Text("session_token") });

        Assert.Equal((HttpStatusCode.BadRequest, "session_too_old_to_reset_password"), (tooLate.Status, tooLate.ErrorType));
        Assert.Equal(HttpStatusCode.OK, inTime.Status);
        Assert.Equal(fresh.Body.GetProperty("session").GetProperty("session_id").GetString(), inTime.Body.GetProperty("session").GetProperty("session_id").GetString());
        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (staleAfter.Status, staleAfter.ErrorType));
        Assert.Equal(HttpStatusCode.OK, (await Authenticate(email, StrongPassword)).Status);
    }

    [Fact]
    public async Task Deleting_a_password_leaves_the_user_without_one()
    {
        var email = ApiCalls.UniqueEmail();
        var passwordId = (await Migrate(email)).Body.GetProperty("user").GetProperty("password").GetProperty("password_id").GetString()!;

        var deleted = await Client.DeleteJsonAsync($"/v1/users/passwords/{passwordId}");
        var again = await Client.DeleteJsonAsync($"/v1/users/passwords/{passwordId}");
        var malformed = await Client.DeleteJsonAsync("/v1/users/passwords/not-a-password-id");
        var login = await Authenticate(email, LegacyPassword);

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, deleted.Body.GetProperty("user").GetProperty("password").ValueKind);
        Assert.Equal((HttpStatusCode.NotFound, "password_not_found"), (again.Status, again.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_password_id"), (malformed.Status, malformed.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (login.Status, login.ErrorType));
    }

    private Task<ApiAnswer> Migrate(string email) =>
        Client.PostAsync("/v1/passwords/migrate", new { email, hash = LegacyBcrypt, hash_type = "bcrypt" });

    private Task<ApiAnswer> Authenticate(string email, string password) =>
        Client.PostAsync("/v1/passwords/authenticate", new { email, password });

    private Task<ApiAnswer> Create(string email, string password) =>
        Client.PostAsync("/v1/passwords", new { email, password });

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = Godwit.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().UserEmails.AsNoTracking()
            .Where(e => e.Address == email).Select(e => e.UserId).SingleAsync(TestContext.Current.CancellationToken);
    }

    private static string ResetTokenIn(string text) => ResetToken().Match(text) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"no reset token in: {text}");

    [GeneratedRegex("[?&]stytch_token_type=reset_password&token=([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetToken();
}

public sealed class PasswordsOnSqlite(ClockedSqliteGodwit godwit) : PasswordContract, IClassFixture<ClockedSqliteGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}

public sealed class PasswordsOnPostgres(ClockedPostgresGodwit godwit) : PasswordContract, IClassFixture<ClockedPostgresGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}
