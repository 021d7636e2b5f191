using System.Text.Json;
using Godwit.Core.OAuth;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Tests.Sessions;

/// <summary>What callers of <see cref="ISessionStore"/> rely on, the same on every database.</summary>
public abstract class SessionStoreContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_field_of_a_session_comes_back_by_token_hash_by_id_and_in_the_users_list()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var session = NewSession(user.UserId, now, now.AddHours(1));
        session.Factors =
        [
            new AuthenticationFactor("magic_link", "email", now.AddSeconds(-5), now.AddSeconds(-10), EmailFactor: new EmailFactor(user.Emails[0].EmailId, user.Emails[0].Address)),
            new AuthenticationFactor("webauthn", "webauthn_registration", now, now, WebAuthnFactor: new WebAuthnFactor("webauthn-registration-live-x", "example.com", "agent")),
        ];
        session.CustomClaims = """{"role":"admin"}""";
        await AddAsync(session);

        AssertSame(session, await Database.UseAsync<ISessionStore, Session?>(s => s.FindByTokenHashAsync(session.TokenHash, now, Cancel)));
        AssertSame(session, await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(session.SessionId, now, Cancel)));
        AssertSame(session, Assert.Single(await Database.UseAsync<ISessionStore, IReadOnlyList<Session>>(s => s.ListForUserAsync(user.UserId, now, Cancel))));
    }

    [Fact]
    public async Task The_session_check_reads_the_session_and_its_user_exactly_as_the_separate_reads_do()
    {
        var user = Rows.FullUser();
        var now = Rows.Now;
        user.Roles = ["editor", "viewer"];
        user.Emails.Add(new UserEmail { EmailId = Rows.Id(PrefixedId.Email), UserId = user.UserId, Address = Rows.Email(), CreatedAt = now });
        user.Phones.Add(new UserPhone { PhoneId = Rows.Id(PrefixedId.Phone), UserId = user.UserId, Number = Rows.Phone(), CreatedAt = now });
        user.WebAuthnRegistrations.Add(Rows.WebAuthnRegistration(user.UserId, now));
        user.OAuthRegistrations.Add(new OAuthRegistration
        {
            OAuthRegistrationId = Rows.Id(PrefixedId.OAuthRegistration), UserId = user.UserId, ProviderType = "Google",
            ProviderSubject = Guid.NewGuid().ToString("N"), ProfilePictureUrl = "https://example.com/a.png", Locale = "fr", CreatedAt = now,
        });
        await Database.AddAsync(user);
        var session = NewSession(user.UserId, now.AddMinutes(-3), now.AddHours(1));
        session.Factors = [new AuthenticationFactor("magic_link", "email", now, now, EmailFactor: new EmailFactor(user.Emails[0].EmailId, user.Emails[0].Address))];
        session.CustomClaims = """{"tier":"gold"}""";
        await AddAsync(session);

        var separateSession = await Database.UseAsync<ISessionStore, Session?>(s => s.FindByTokenHashAsync(session.TokenHash, now, Cancel));
        var separateUser = await Database.UseAsync<IUserStore, User?>(s => s.FindForReadingAsync(user.UserId, Cancel));
        var byTokenHash = await Database.UseAsync<ISessionStore, SessionWithUser?>(s => s.FindWithUserByTokenHashAsync(session.TokenHash, now, Cancel));
        var byId = await Database.UseAsync<ISessionStore, SessionWithUser?>(s => s.FindWithUserByIdAsync(session.SessionId, now, Cancel));

        foreach (var read in new[] { byTokenHash, byId })
        {
            Assert.NotNull(read);
            // Every public property, time zones and collection order included: both reads answer the same bytes.
            Assert.Equal(JsonSerializer.Serialize(separateSession), JsonSerializer.Serialize(read.Session));
            Assert.Equal(JsonSerializer.Serialize(separateUser), JsonSerializer.Serialize(read.User));
        }

        AssertSame(session, byTokenHash!.Session);
        // What was written comes back (in the database's key order, which is its collation's on PostgreSQL).
        Assert.Equal(user.Emails.Select(e => e.EmailId).Order(), byTokenHash.User.Emails.Select(e => e.EmailId).Order());
        Assert.Equal(user.Phones.Select(p => p.PhoneId).Order(), byTokenHash.User.Phones.Select(p => p.PhoneId).Order());
        Assert.Equal(user.WebAuthnRegistrations.Select(r => r.WebAuthnRegistrationId).Order(), byTokenHash.User.WebAuthnRegistrations.Select(r => r.WebAuthnRegistrationId).Order());
        Assert.Equal(user.Password!.Hash, byTokenHash.User.Password!.Hash);
        Assert.Equal(user.Totps.Single().TotpId, byTokenHash.User.Totps.Single().TotpId);
        Assert.Equal(user.BiometricRegistrations.Single().BiometricRegistrationId, byTokenHash.User.BiometricRegistrations.Single().BiometricRegistrationId);
        Assert.Equal(user.OAuthRegistrations.Single().ProviderSubject, byTokenHash.User.OAuthRegistrations.Single().ProviderSubject);
        Assert.Equal((user.FirstName, user.LockExpiresAt, user.TrustedMetadata), (byTokenHash.User.FirstName, byTokenHash.User.LockExpiresAt, byTokenHash.User.TrustedMetadata));
        Assert.Equal(["editor", "viewer"], byTokenHash.User.Roles);
    }

    [Fact]
    public async Task The_session_check_finds_nothing_for_an_expired_or_unknown_session_or_a_deleted_user()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var expired = await AddAsync(NewSession(user.UserId, now.AddHours(-2), now));
        Assert.Null(await Database.UseAsync<ISessionStore, SessionWithUser?>(s => s.FindWithUserByTokenHashAsync(expired.TokenHash, now, Cancel)));
        Assert.Null(await Database.UseAsync<ISessionStore, SessionWithUser?>(s => s.FindWithUserByIdAsync(expired.SessionId, now, Cancel)));
        Assert.Null(await Database.UseAsync<ISessionStore, SessionWithUser?>(s => s.FindWithUserByTokenHashAsync(Rows.Bytes(), now, Cancel)));
        Assert.Null(await Database.UseAsync<ISessionStore, SessionWithUser?>(s => s.FindWithUserByIdAsync(Rows.Id(PrefixedId.Session), now, Cancel)));

        var live = await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));
        Assert.NotNull(await Database.UseAsync<ISessionStore, SessionWithUser?>(s => s.FindWithUserByTokenHashAsync(live.TokenHash, now, Cancel)));
        await using (var scope = Database.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<IUserStore>();
            users.Remove((await users.FindAsync(user.UserId, Cancel))!);
            Assert.Null(await users.SaveAsync(Cancel));
        }

        Assert.Null(await Database.UseAsync<ISessionStore, SessionWithUser?>(s => s.FindWithUserByTokenHashAsync(live.TokenHash, now, Cancel)));
    }

    [Fact]
    public async Task Many_session_checks_at_once_each_get_their_own_user()
    {
        var now = Rows.Now;
        var sessions = new List<Session>();
        for (var i = 0; i < 8; i++)
        {
            var user = await Database.AddUserAsync();
            sessions.Add(await AddAsync(NewSession(user.UserId, now, now.AddHours(1))));
        }

        var reads = await Database.RaceAsync<ISessionStore, SessionWithUser?>(64, (s, i) => s.FindWithUserByTokenHashAsync(sessions[i % 8].TokenHash, now, Cancel));

        for (var i = 0; i < reads.Length; i++)
        {
            Assert.Equal(sessions[i % 8].UserId, reads[i]!.User.UserId);
            Assert.Equal(sessions[i % 8].SessionId, reads[i]!.Session.SessionId);
        }
    }

    [Fact]
    public async Task An_expired_session_is_never_returned()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var session = await AddAsync(NewSession(user.UserId, now.AddHours(-2), now));

        Assert.Null(await Database.UseAsync<ISessionStore, Session?>(s => s.FindByTokenHashAsync(session.TokenHash, now, Cancel)));
        Assert.Null(await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(session.SessionId, now, Cancel)));
        Assert.Empty(await Database.UseAsync<ISessionStore, IReadOnlyList<Session>>(s => s.ListForUserAsync(user.UserId, now, Cancel)));
        Assert.NotNull(await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(session.SessionId, now.AddTicks(-10), Cancel)));
    }

    [Fact]
    public async Task A_users_list_holds_only_their_sessions_oldest_first()
    {
        var user = await Database.AddUserAsync();
        var other = await Database.AddUserAsync();
        var now = Rows.Now;
        var newer = await AddAsync(NewSession(user.UserId, now.AddMinutes(-1), now.AddHours(1)));
        var older = await AddAsync(NewSession(user.UserId, now.AddMinutes(-2), now.AddHours(1)));
        await AddAsync(NewSession(other.UserId, now, now.AddHours(1)));

        var listed = await Database.UseAsync<ISessionStore, IReadOnlyList<Session>>(s => s.ListForUserAsync(user.UserId, now, Cancel));

        Assert.Equal([older.SessionId, newer.SessionId], listed.Select(s => s.SessionId));
    }

    [Fact]
    public async Task A_second_session_with_the_same_token_hash_is_refused_by_the_database()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var first = await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));
        var second = new Session { SessionId = Rows.Id(PrefixedId.Session), UserId = user.UserId, TokenHash = first.TokenHash, StartedAt = now, LastAccessedAt = now, ExpiresAt = now.AddHours(1) };

        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(second));
    }

    [Fact]
    public async Task An_update_writes_expiry_last_access_factors_and_claims()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var session = await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));
        var changed = new Session
        {
            SessionId = session.SessionId,
            UserId = session.UserId,
            TokenHash = session.TokenHash,
            StartedAt = session.StartedAt,
            LastAccessedAt = now.AddMinutes(5),
            ExpiresAt = now.AddHours(3),
            Factors = [new AuthenticationFactor("totp", "authenticator_app", now, now, AuthenticatorAppFactor: new AuthenticatorAppFactor("totp-live-x"))],
            CustomClaims = """{"step":"up"}""",
        };

        await Database.UseAsync<ISessionStore>(s => s.UpdateAsync(changed, Cancel));

        AssertSame(changed, await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(session.SessionId, now, Cancel)));
    }

    [Fact]
    public async Task Recorded_accesses_move_last_access_forward_never_back_and_skip_missing_sessions()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var moved = await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));
        var kept = await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));

        await Database.UseAsync<ISessionStore>(s => s.RecordAccessesAsync(
            [new SessionAccess(moved.SessionId, now.AddMinutes(2)), new SessionAccess(kept.SessionId, now.AddMinutes(-2)), new SessionAccess(Rows.Id(PrefixedId.Session), now)],
            Cancel));

        Assert.Equal(now.AddMinutes(2), (await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(moved.SessionId, now, Cancel)))!.LastAccessedAt);
        Assert.Equal(now, (await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(kept.SessionId, now, Cancel)))!.LastAccessedAt);
    }

    [Fact]
    public async Task Revoking_all_of_a_users_sessions_keeps_the_named_one_and_other_users_sessions()
    {
        var user = await Database.AddUserAsync();
        var other = await Database.AddUserAsync();
        var now = Rows.Now;
        var keep = await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));
        await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));
        var others = await AddAsync(NewSession(other.UserId, now, now.AddHours(1)));

        var ended = new List<EndedSession>();
        await Database.UseAsync<ISessionStore>(s => s.RevokeAllForUserAsync(user.UserId, keep.SessionId, ended.Add, Cancel));
        Assert.Equal(user.UserId, Assert.Single(ended).UserId);

        Assert.Equal([keep.SessionId], (await Database.UseAsync<ISessionStore, IReadOnlyList<Session>>(s => s.ListForUserAsync(user.UserId, now, Cancel))).Select(s => s.SessionId));
        Assert.NotNull(await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(others.SessionId, now, Cancel)));

        await Database.UseAsync<ISessionStore>(s => s.RevokeAllForUserAsync(user.UserId, null, ended.Add, Cancel));
        Assert.Equal(keep.SessionId, ended[^1].SessionId);
        Assert.Empty(await Database.UseAsync<ISessionStore, IReadOnlyList<Session>>(s => s.ListForUserAsync(user.UserId, now, Cancel)));
    }

    [Fact]
    public async Task Revoking_a_session_says_whether_it_existed()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var session = await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));

        var ended = new List<EndedSession>();
        Assert.True(await Database.UseAsync<ISessionStore, bool>(s => s.RevokeAsync(session.SessionId, ended.Add, Cancel)));
        Assert.False(await Database.UseAsync<ISessionStore, bool>(s => s.RevokeAsync(session.SessionId, ended.Add, Cancel)));
        Assert.Null(await Database.UseAsync<ISessionStore, Session?>(s => s.FindByTokenHashAsync(session.TokenHash, now, Cancel)));
        Assert.Equal([new EndedSession(session.SessionId, user.UserId)], ended);
    }

    [Fact]
    public async Task Pruning_deletes_sessions_expired_before_the_limit_in_batches_and_names_each()
    {
        // Other tests share the database: a decade back, only this test's sessions have expired.
        var user = await Database.AddUserAsync();
        var now = Rows.Now.AddYears(-10);
        var expired = new[]
        {
            await AddAsync(NewSession(user.UserId, now.AddDays(-2), now.AddDays(-1))),
            await AddAsync(NewSession(user.UserId, now.AddDays(-2), now.AddDays(-1).AddMinutes(1))),
        };
        var atTheLimit = await AddAsync(NewSession(user.UserId, now.AddDays(-1), now));
        var live = await AddAsync(NewSession(user.UserId, now, now.AddHours(1)));

        var ended = new List<EndedSession>();
        Assert.Equal(1, await Database.UseAsync<ISessionStore, int>(s => s.PruneExpiredAsync(now, 1, ended.Add, Cancel)));
        Assert.Equal(1, await Database.UseAsync<ISessionStore, int>(s => s.PruneExpiredAsync(now, 1, ended.Add, Cancel)));
        Assert.Equal(0, await Database.UseAsync<ISessionStore, int>(s => s.PruneExpiredAsync(now, 1, ended.Add, Cancel)));

        Assert.Equal(expired.Select(s => s.SessionId).Order(), ended.Select(e => e.SessionId).Order());
        Assert.NotNull(await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(atTheLimit.SessionId, now.AddMinutes(-1), Cancel)));
        Assert.NotNull(await Database.UseAsync<ISessionStore, Session?>(s => s.FindByIdAsync(live.SessionId, now, Cancel)));
    }

    private static Session NewSession(string userId, DateTime startedAt, DateTime expiresAt) => new()
    {
        SessionId = Rows.Id(PrefixedId.Session),
        UserId = userId,
        TokenHash = Rows.Bytes(),
        StartedAt = startedAt,
        LastAccessedAt = startedAt,
        ExpiresAt = expiresAt,
    };

    private async Task<Session> AddAsync(Session session)
    {
        await Database.UseAsync<ISessionStore>(s => s.AddAsync(session, Cancel));
        return session;
    }

    private static void AssertSame(Session expected, Session? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.SessionId, expected.UserId, Convert.ToHexString(expected.TokenHash), expected.StartedAt, expected.LastAccessedAt, expected.ExpiresAt, expected.CustomClaims),
            (actual.SessionId, actual.UserId, Convert.ToHexString(actual.TokenHash), actual.StartedAt, actual.LastAccessedAt, actual.ExpiresAt, actual.CustomClaims));
        Assert.Equal(expected.Factors, actual.Factors);
    }
}

public sealed class SessionStoreOnSqlite(SqliteStores database) : SessionStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class SessionStoreOnPostgres(PostgresStores database) : SessionStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
