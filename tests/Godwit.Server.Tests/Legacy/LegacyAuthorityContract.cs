using System.Net;
using System.Text.Json.Nodes;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// While both systems run (<c>Godwit:Migration:LegacyAuthoritativeUntil</c> ahead), the legacy
/// system decides passwords Godwit already holds, and Godwit's copy follows it; on every database.
/// </summary>
public abstract class LegacyAuthorityContract
{
    private const string FirstPassword = "legacy correct horse battery staple 1998";
    private const string ChangedPassword = "changed in the legacy app, staple battery 2026";

    private protected abstract OverlapGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    private LegacySystem Legacy => Godwit.Legacy;

    [Fact]
    public async Task A_password_changed_in_the_legacy_app_logs_in_and_Godwit_s_copy_follows_it()
    {
        var (email, userId) = await HeldByGodwitAsync();
        var copyBefore = await LegacyDatabase.StoredHashAsync(Godwit.Host, userId);
        Legacy.AddAccount(email, ChangedPassword);

        var changed = await Authenticate(email, ChangedPassword);
        var copyAfter = await LegacyDatabase.StoredHashAsync(Godwit.Host, userId);
        var again = await Authenticate(email, ChangedPassword);

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(userId, changed.Text("user_id"));
        Assert.NotEqual(copyBefore, copyAfter);
        Assert.StartsWith("$argon2id$", copyAfter, StringComparison.Ordinal);
        // The same password again: the hook agrees with Godwit's copy, which is left as it is.
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(copyAfter, await LegacyDatabase.StoredHashAsync(Godwit.Host, userId));
        Assert.Equal(3, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task An_old_password_is_refused_during_the_overlap_though_Godwit_s_copy_still_matches_it()
    {
        var (email, userId) = await HeldByGodwitAsync();
        var copy = await LegacyDatabase.StoredHashAsync(Godwit.Host, userId);
        Legacy.AddAccount(email, ChangedPassword);

        var old = await Authenticate(email, FirstPassword);

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (old.Status, old.ErrorType));
        Assert.Equal(copy, await LegacyDatabase.StoredHashAsync(Godwit.Host, userId));
        Assert.Equal(2, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task Old_password_guesses_count_towards_the_lock_and_a_locked_user_is_not_sent_to_the_hook()
    {
        var (email, _) = await HeldByGodwitAsync();
        Legacy.AddAccount(email, ChangedPassword);

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var old = await Authenticate(email, FirstPassword);
            Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (old.Status, old.ErrorType));
        }

        var locked = await Authenticate(email, ChangedPassword);

        Assert.Equal((HttpStatusCode.TooManyRequests, "user_lock_limit_reached"), (locked.Status, locked.ErrorType));
        Assert.Equal(11, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task When_the_hook_cannot_answer_Godwit_s_copy_decides_as_it_would_without_the_overlap()
    {
        var (email, _) = await HeldByGodwitAsync();
        Legacy.AnswerPasswordHook(email, context => LegacySystem.JsonAsync(context, 503, """{"error": "maintenance"}"""));

        var right = await Authenticate(email, FirstPassword);
        var wrong = await Authenticate(email, ChangedPassword);

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (wrong.Status, wrong.ErrorType));
        Assert.Equal(3, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task A_password_reset_through_Godwit_is_Godwit_s_own_and_the_hook_is_no_longer_asked()
    {
        var (email, _) = await HeldByGodwitAsync();
        const string NewPassword = "chosen at godwit, lantern orchard velvet 77";

        var reset = await Client.PostAsync("/v1/passwords/existing_password/reset", new { email, existing_password = FirstPassword, new_password = NewPassword });
        var login = await Authenticate(email, NewPassword);
        var legacyOne = await Authenticate(email, FirstPassword);

        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.True(reset.Body.GetProperty("user").GetProperty("trusted_metadata").GetProperty("godwit_password_set_in_godwit").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (legacyOne.Status, legacyOne.ErrorType));
        // Once for the first login, once for the existing password of the reset; never after it.
        Assert.Equal(2, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task A_sign_up_at_Godwit_during_the_overlap_logs_in_without_asking_the_hook()
    {
        var email = ApiCalls.UniqueEmail();

        var created = await Client.PostAsync("/v1/passwords", new { email, password = FirstPassword });
        var login = await Authenticate(email, FirstPassword);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(0, Legacy.PasswordHookCalls(email));
    }

    [Fact]
    public async Task A_legacy_password_that_does_not_vouch_for_an_email_verified_here_changes_nothing()
    {
        var (email, userId) = await HeldByGodwitAsync(new JsonObject { ["email_verified"] = true });
        var copy = await LegacyDatabase.StoredHashAsync(Godwit.Host, userId);
        Legacy.AddAccount(email, ChangedPassword);

        var login = await Authenticate(email, ChangedPassword);

        Assert.Equal((HttpStatusCode.BadRequest, "reset_password"), (login.Status, login.ErrorType));
        Assert.Equal(copy, await LegacyDatabase.StoredHashAsync(Godwit.Host, userId));
    }

    [Fact]
    public async Task A_weak_password_chosen_in_the_legacy_app_is_followed_and_marked()
    {
        var (email, _) = await HeldByGodwitAsync();
        Legacy.AddAccount(email, "password1");

        var weak = await Authenticate(email, "password1");

        Assert.Equal(HttpStatusCode.OK, weak.Status);
        Assert.True(weak.Body.GetProperty("user").GetProperty("trusted_metadata").GetProperty("godwit_password_below_policy").GetBoolean());
    }

    /// <summary>A person whose first login had the hook vouch for <see cref="FirstPassword"/>, so Godwit holds its hash.</summary>
    private async Task<(string Email, string UserId)> HeldByGodwitAsync(JsonObject? profile = null)
    {
        var email = ApiCalls.UniqueEmail();
        Legacy.AddAccount(email, FirstPassword, profile);
        var first = await Authenticate(email, FirstPassword);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        return (email, first.Text("user_id"));
    }

    private Task<ApiAnswer> Authenticate(string email, string password) =>
        Client.PostAsync("/v1/passwords/authenticate", new { email, password });
}

public sealed class LegacyAuthorityOnSqlite(OverlapSqliteGodwit godwit) : LegacyAuthorityContract, IClassFixture<OverlapSqliteGodwit>
{
    private protected override OverlapGodwit Godwit => godwit;
}

public sealed class LegacyAuthorityOnPostgres(OverlapPostgresGodwit godwit) : LegacyAuthorityContract, IClassFixture<OverlapPostgresGodwit>
{
    private protected override OverlapGodwit Godwit => godwit;
}
