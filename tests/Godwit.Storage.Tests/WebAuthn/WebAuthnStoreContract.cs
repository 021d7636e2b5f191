using Godwit.Core.Users;
using Godwit.Core.WebAuthn;
using Godwit.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Tests.WebAuthn;

/// <summary>What callers of <see cref="IWebAuthnStore"/> rely on, under parallel requests, the same on every database.</summary>
public abstract class WebAuthnStoreContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_field_of_a_challenge_comes_back_by_its_bytes()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var challenge = NewChallenge(user.UserId, now, now.AddMinutes(5));
        challenge.ConsumedAt = now.AddSeconds(1);
        await AddAsync(challenge);

        var found = await Database.UseAsync<IWebAuthnStore, WebAuthnChallenge?>(s => s.FindChallengeAsync(challenge.Challenge, Cancel));

        Assert.NotNull(found);
        Assert.Equal(
            (challenge.ChallengeId, challenge.Ceremony, challenge.UserId, challenge.Domain, Convert.ToHexString(challenge.Challenge), challenge.Options, challenge.UserAgent, challenge.AuthenticatorType, challenge.CreatedAt, challenge.ExpiresAt, challenge.ConsumedAt),
            (found.ChallengeId, found.Ceremony, found.UserId, found.Domain, Convert.ToHexString(found.Challenge), found.Options, found.UserAgent, found.AuthenticatorType, found.CreatedAt, found.ExpiresAt, found.ConsumedAt));
        Assert.Null(await Database.UseAsync<IWebAuthnStore, WebAuthnChallenge?>(s => s.FindChallengeAsync(Rows.Bytes(), Cancel)));
    }

    [Fact]
    public async Task A_challenge_without_a_user_is_stored_for_a_passkey_login()
    {
        var now = Rows.Now;
        var challenge = await AddAsync(NewChallenge(null, now, now.AddMinutes(5)));

        Assert.Null((await Database.UseAsync<IWebAuthnStore, WebAuthnChallenge?>(s => s.FindChallengeAsync(challenge.Challenge, Cancel)))!.UserId);
    }

    [Fact]
    public async Task Two_challenges_with_the_same_bytes_are_refused_by_the_database()
    {
        var now = Rows.Now;
        var first = await AddAsync(NewChallenge(null, now, now.AddMinutes(5)));
        var second = new WebAuthnChallenge { ChallengeId = Guid.NewGuid().ToString("N"), Ceremony = WebAuthnCeremony.Authentication, Domain = "example.com", Challenge = first.Challenge, Options = "{}", CreatedAt = now, ExpiresAt = now.AddMinutes(5) };

        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(second));
    }

    [Fact]
    public async Task Of_parallel_uses_of_one_challenge_exactly_one_consumes_it_and_an_expired_one_none()
    {
        var now = Rows.Now;
        var live = await AddAsync(NewChallenge(null, now, now.AddMinutes(5)));
        var expired = await AddAsync(NewChallenge(null, now.AddMinutes(-5), now));

        var consumed = await Database.RaceAsync<IWebAuthnStore, bool>(8, (s, _) => s.TryConsumeChallengeAsync(live.ChallengeId, now, Cancel));

        Assert.Single(consumed, c => c);
        Assert.False(await Database.UseAsync<IWebAuthnStore, bool>(s => s.TryConsumeChallengeAsync(expired.ChallengeId, now, Cancel)));
    }

    [Fact]
    public async Task A_registration_is_found_by_id_and_by_credential_id_with_every_field()
    {
        var user = await Database.AddAsync(Rows.FullUser());
        var registration = user.WebAuthnRegistrations[0];

        AssertSame(registration, await Database.UseAsync<IWebAuthnStore, WebAuthnRegistration?>(s => s.FindAsync(registration.WebAuthnRegistrationId, Cancel)));
        AssertSame(registration, await Database.UseAsync<IWebAuthnStore, WebAuthnRegistration?>(s => s.FindByCredentialIdAsync(registration.CredentialId, Cancel)));
        Assert.True(await Database.UseAsync<IWebAuthnStore, bool>(s => s.CredentialIdTakenAsync(registration.CredentialId, Cancel)));
        Assert.False(await Database.UseAsync<IWebAuthnStore, bool>(s => s.CredentialIdTakenAsync(Rows.Bytes(), Cancel)));
        Assert.Null(await Database.UseAsync<IWebAuthnStore, WebAuthnRegistration?>(s => s.FindAsync(Rows.Id(PrefixedId.WebAuthnRegistration), Cancel)));
        Assert.Null(await Database.UseAsync<IWebAuthnStore, WebAuthnRegistration?>(s => s.FindByCredentialIdAsync(Rows.Bytes(), Cancel)));
    }

    [Fact]
    public async Task Of_parallel_assertions_with_one_counter_value_exactly_one_advances_it()
    {
        var user = await Database.AddAsync(Rows.FullUser());
        var registration = user.WebAuthnRegistrations[0];

        var advanced = await Database.RaceAsync<IWebAuthnStore, bool>(8, (s, i) => s.TryAdvanceSignCountAsync(registration.WebAuthnRegistrationId, registration.SignCount, registration.SignCount + 1 + i, Cancel));

        var winner = Assert.Single(Enumerable.Range(0, advanced.Length), i => advanced[i]);
        Assert.Equal(registration.SignCount + 1 + winner, (await FindAsync(registration))!.SignCount);
    }

    [Fact]
    public async Task Renaming_changes_only_the_name_and_says_whether_the_registration_exists()
    {
        var user = await Database.AddAsync(Rows.FullUser());
        var registration = user.WebAuthnRegistrations[0];

        Assert.True(await Database.UseAsync<IWebAuthnStore, bool>(s => s.RenameAsync(registration.WebAuthnRegistrationId, "Work key", Cancel)));
        Assert.False(await Database.UseAsync<IWebAuthnStore, bool>(s => s.RenameAsync(Rows.Id(PrefixedId.WebAuthnRegistration), "Nobody's", Cancel)));

        registration.Name = "Work key";
        AssertSame(registration, await FindAsync(registration));
    }

    private static WebAuthnChallenge NewChallenge(string? userId, DateTime createdAt, DateTime expiresAt) => new()
    {
        ChallengeId = Guid.NewGuid().ToString("N"),
        Ceremony = userId is null ? WebAuthnCeremony.Authentication : WebAuthnCeremony.Registration,
        UserId = userId,
        Domain = "example.com",
        Challenge = Rows.Bytes(),
        Options = """{"rpId":"example.com"}""",
        UserAgent = "Mozilla/5.0",
        AuthenticatorType = "cross-platform",
        CreatedAt = createdAt,
        ExpiresAt = expiresAt,
    };

    private async Task<WebAuthnChallenge> AddAsync(WebAuthnChallenge challenge)
    {
        await Database.UseAsync<IWebAuthnStore>(s => s.AddChallengeAsync(challenge, Cancel));
        return challenge;
    }

    private Task<WebAuthnRegistration?> FindAsync(WebAuthnRegistration registration) =>
        Database.UseAsync<IWebAuthnStore, WebAuthnRegistration?>(s => s.FindAsync(registration.WebAuthnRegistrationId, Cancel));

    private static void AssertSame(WebAuthnRegistration expected, WebAuthnRegistration? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.WebAuthnRegistrationId, expected.UserId, expected.Domain, expected.UserAgent, expected.AuthenticatorType, expected.Name, Convert.ToHexString(expected.CredentialId), Convert.ToHexString(expected.PublicKey), Convert.ToHexString(expected.UserHandle), expected.SignCount, expected.CreatedAt),
            (actual.WebAuthnRegistrationId, actual.UserId, actual.Domain, actual.UserAgent, actual.AuthenticatorType, actual.Name, Convert.ToHexString(actual.CredentialId), Convert.ToHexString(actual.PublicKey), Convert.ToHexString(actual.UserHandle), actual.SignCount, actual.CreatedAt));
    }
}

public sealed class WebAuthnStoreOnSqlite(SqliteStores database) : WebAuthnStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class WebAuthnStoreOnPostgres(PostgresStores database) : WebAuthnStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
