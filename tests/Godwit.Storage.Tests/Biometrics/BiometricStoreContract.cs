using Godwit.Core.Biometrics;
using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;

namespace Godwit.Storage.Tests.Biometrics;

/// <summary>What callers of <see cref="IBiometricStore"/> rely on, under parallel requests, the same on every database.</summary>
public abstract class BiometricStoreContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_field_of_the_latest_challenge_comes_back()
    {
        var registration = await AddRegistrationAsync();
        var now = Rows.Now;
        var challenge = await AddAsync(NewChallenge(registration, BiometricCeremony.Authentication, now), now);

        var found = await LatestAsync(registration, BiometricCeremony.Authentication);

        Assert.NotNull(found);
        Assert.Equal(
            (challenge.ChallengeId, challenge.Ceremony, challenge.BiometricRegistrationId, challenge.UserId, challenge.KeyType, Convert.ToHexString(challenge.PublicKey), Convert.ToHexString(challenge.Challenge), challenge.CreatedAt, challenge.ExpiresAt, challenge.ConsumedAt),
            (found.ChallengeId, found.Ceremony, found.BiometricRegistrationId, found.UserId, found.KeyType, Convert.ToHexString(found.PublicKey), Convert.ToHexString(found.Challenge), found.CreatedAt, found.ExpiresAt, found.ConsumedAt));
        Assert.Null(await LatestAsync(registration, BiometricCeremony.Registration));
    }

    [Fact]
    public async Task A_new_challenge_voids_the_live_ones_of_the_same_registration_and_ceremony_only()
    {
        var registration = await AddRegistrationAsync();
        var other = await AddRegistrationAsync();
        var now = Rows.Now;
        var first = await AddAsync(NewChallenge(registration, BiometricCeremony.Authentication, now.AddSeconds(-2)), now.AddSeconds(-2));
        var registering = await AddAsync(NewChallenge(registration, BiometricCeremony.Registration, now.AddSeconds(-2)), now.AddSeconds(-2));
        var others = await AddAsync(NewChallenge(other, BiometricCeremony.Authentication, now.AddSeconds(-2)), now.AddSeconds(-2));

        var newest = await AddAsync(NewChallenge(registration, BiometricCeremony.Authentication, now), now);

        Assert.Equal(newest.ChallengeId, (await LatestAsync(registration, BiometricCeremony.Authentication))!.ChallengeId);
        Assert.False(await ConsumeAsync(first, now));
        Assert.True(await ConsumeAsync(registering, now));
        Assert.True(await ConsumeAsync(others, now));
        Assert.True(await ConsumeAsync(newest, now));
    }

    [Fact]
    public async Task The_live_challenge_is_found_first_even_when_an_older_one_shares_its_instant()
    {
        var registration = await AddRegistrationAsync();
        var now = Rows.Now;
        await AddAsync(NewChallenge(registration, BiometricCeremony.Authentication, now), now);
        var live = await AddAsync(NewChallenge(registration, BiometricCeremony.Authentication, now), now);

        Assert.Equal(live.ChallengeId, (await LatestAsync(registration, BiometricCeremony.Authentication))!.ChallengeId);
    }

    [Fact]
    public async Task Of_parallel_uses_of_one_challenge_exactly_one_consumes_it_and_an_expired_one_none()
    {
        var registration = await AddRegistrationAsync();
        var now = Rows.Now;
        var expired = await AddAsync(NewChallenge(registration, BiometricCeremony.Registration, now.AddMinutes(-10)), now.AddMinutes(-10));
        var live = await AddAsync(NewChallenge(registration, BiometricCeremony.Authentication, now), now);

        var consumed = await Database.RaceAsync<IBiometricStore, bool>(8, (s, _) => s.TryConsumeChallengeAsync(live.ChallengeId, now, Cancel));

        Assert.Single(consumed, c => c);
        Assert.NotNull((await LatestAsync(registration, BiometricCeremony.Authentication))!.ConsumedAt);
        Assert.False(await ConsumeAsync(expired, now));
    }

    [Fact]
    public async Task A_registration_is_found_by_id_and_by_public_key_with_every_field()
    {
        var registration = await AddRegistrationAsync();

        AssertSame(registration, await Database.UseAsync<IBiometricStore, BiometricRegistration?>(s => s.FindAsync(registration.BiometricRegistrationId, Cancel)));
        AssertSame(registration, await Database.UseAsync<IBiometricStore, BiometricRegistration?>(s => s.FindByPublicKeyAsync(registration.PublicKey, Cancel)));
        Assert.Null(await Database.UseAsync<IBiometricStore, BiometricRegistration?>(s => s.FindAsync(Rows.Id(PrefixedId.BiometricRegistration), Cancel)));
        Assert.Null(await Database.UseAsync<IBiometricStore, BiometricRegistration?>(s => s.FindByPublicKeyAsync(Rows.Bytes(65), Cancel)));
    }

    private async Task<BiometricRegistration> AddRegistrationAsync()
    {
        var user = Rows.User(Rows.Email());
        var registration = Rows.BiometricRegistration(user.UserId, Rows.Now);
        user.BiometricRegistrations.Add(registration);
        await Database.AddAsync(user);
        return registration;
    }

    /// <summary>A challenge that lives five minutes from <paramref name="createdAt"/>.</summary>
    private static BiometricChallenge NewChallenge(BiometricRegistration registration, BiometricCeremony ceremony, DateTime createdAt) => new()
    {
        ChallengeId = Guid.NewGuid().ToString("N"),
        Ceremony = ceremony,
        BiometricRegistrationId = registration.BiometricRegistrationId,
        UserId = registration.UserId,
        KeyType = registration.KeyType,
        PublicKey = registration.PublicKey,
        Challenge = Rows.Bytes(),
        CreatedAt = createdAt,
        ExpiresAt = createdAt.AddMinutes(5),
    };

    private async Task<BiometricChallenge> AddAsync(BiometricChallenge challenge, DateTime now)
    {
        await Database.UseAsync<IBiometricStore>(s => s.AddChallengeAsync(challenge, now, Cancel));
        return challenge;
    }

    private Task<BiometricChallenge?> LatestAsync(BiometricRegistration registration, BiometricCeremony ceremony) =>
        Database.UseAsync<IBiometricStore, BiometricChallenge?>(s => s.FindLatestChallengeAsync(registration.BiometricRegistrationId, ceremony, Cancel));

    private Task<bool> ConsumeAsync(BiometricChallenge challenge, DateTime now) =>
        Database.UseAsync<IBiometricStore, bool>(s => s.TryConsumeChallengeAsync(challenge.ChallengeId, now, Cancel));

    private static void AssertSame(BiometricRegistration expected, BiometricRegistration? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.BiometricRegistrationId, expected.UserId, expected.KeyType, Convert.ToHexString(expected.PublicKey), expected.CreatedAt),
            (actual.BiometricRegistrationId, actual.UserId, actual.KeyType, Convert.ToHexString(actual.PublicKey), actual.CreatedAt));
    }
}

public sealed class BiometricStoreOnSqlite(SqliteStores database) : BiometricStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class BiometricStoreOnPostgres(PostgresStores database) : BiometricStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
