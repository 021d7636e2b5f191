using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;

namespace Godwit.Storage.Tests.OneTimeSecrets;

/// <summary>What callers of <see cref="IOneTimeSecretStore"/> rely on, under parallel requests, the same on every database.</summary>
public abstract class OneTimeSecretStoreContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_field_of_a_secret_comes_back_by_its_hash()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var stored = new OneTimeSecret
        {
            Id = Rows.Id(PrefixedId.MagicLink), Kind = OneTimeSecretKind.MagicLink, UserId = user.UserId, MethodId = user.Emails[0].EmailId, SecretHash = Rows.Bytes(),
            CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", CreatedAt = now, ExpiresAt = now.AddMinutes(15), ConsumedAt = now.AddMinutes(1), FailedAttempts = 2,
        };
        await AddAsync(stored);

        var found = await Database.UseAsync<IOneTimeSecretStore, OneTimeSecret?>(s => s.FindByHashAsync(stored.SecretHash, Cancel));

        Assert.NotNull(found);
        Assert.Equal(
            (stored.Id, stored.Kind, stored.UserId, stored.MethodId, Convert.ToHexString(stored.SecretHash), stored.CodeChallenge, stored.CreatedAt, stored.ExpiresAt, stored.ConsumedAt, stored.FailedAttempts),
            (found.Id, found.Kind, found.UserId, found.MethodId, Convert.ToHexString(found.SecretHash), found.CodeChallenge, found.CreatedAt, found.ExpiresAt, found.ConsumedAt, found.FailedAttempts));
        Assert.Null(await Database.UseAsync<IOneTimeSecretStore, OneTimeSecret?>(s => s.FindByHashAsync(Rows.Bytes(), Cancel)));
    }

    [Fact]
    public async Task Of_parallel_uses_of_one_secret_exactly_one_consumes_it()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var secret = await AddAsync(NewSecret(user, OneTimeSecretKind.MagicLink, now, now.AddMinutes(15)));

        var consumed = await Database.RaceAsync<IOneTimeSecretStore, bool>(10, (s, _) => s.TryConsumeAsync(secret.Id, now, Cancel));

        Assert.Single(consumed, c => c);
        Assert.Equal(now, (await FindAsync(secret))!.ConsumedAt);
    }

    [Fact]
    public async Task An_expired_secret_cannot_be_consumed()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var secret = await AddAsync(NewSecret(user, OneTimeSecretKind.PasswordReset, now.AddMinutes(-15), now));

        Assert.False(await Database.UseAsync<IOneTimeSecretStore, bool>(s => s.TryConsumeAsync(secret.Id, now, Cancel)));
        Assert.Null((await FindAsync(secret))!.ConsumedAt);
    }

    [Fact]
    public async Task The_live_passcode_is_the_newest_one_neither_used_nor_expired()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var live = await AddAsync(NewSecret(user, OneTimeSecretKind.Otp, now.AddMinutes(-2), now.AddMinutes(8)));
        var used = NewSecret(user, OneTimeSecretKind.Otp, now.AddMinutes(-1), now.AddMinutes(9));
        used.ConsumedAt = now;
        await AddAsync(used);
        await AddAsync(NewSecret(user, OneTimeSecretKind.Otp, now.AddMinutes(-10), now));
        await AddAsync(NewSecret(user, OneTimeSecretKind.MagicLink, now, now.AddMinutes(10)));
        await AddAsync(NewSecret(user, OneTimeSecretKind.Otp, now.AddMinutes(-3), now.AddMinutes(7)));

        var found = await Database.UseAsync<IOneTimeSecretStore, OneTimeSecret?>(s => s.FindLiveOtpAsync(user.Emails[0].EmailId, now, Cancel));

        Assert.Equal(live.Id, found?.Id);
        Assert.Null(await Database.UseAsync<IOneTimeSecretStore, OneTimeSecret?>(s => s.FindLiveOtpAsync(user.Emails[0].EmailId, now.AddMinutes(9), Cancel)));
    }

    [Fact]
    public async Task Parallel_guesses_at_a_passcode_count_no_more_than_the_limit_and_then_burn_it()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var secret = await AddAsync(NewSecret(user, OneTimeSecretKind.Otp, now, now.AddMinutes(10)));

        var counted = await Database.RaceAsync<IOneTimeSecretStore, bool>(10, (s, _) => s.TryCountAttemptAsync(secret.Id, 3, now, Cancel));

        Assert.Equal(3, counted.Count(c => c));
        var stored = await FindAsync(secret);
        Assert.Equal((3, (DateTime?)now), (stored!.FailedAttempts, stored.ConsumedAt));
        Assert.False(await Database.UseAsync<IOneTimeSecretStore, bool>(s => s.TryConsumeAsync(secret.Id, now, Cancel)));
    }

    [Fact]
    public async Task Created_secrets_are_counted_per_method_and_kind_since_an_instant_used_or_not()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var used = NewSecret(user, OneTimeSecretKind.Otp, now.AddMinutes(-1), now.AddMinutes(9));
        used.ConsumedAt = now;
        await AddAsync(used);
        await AddAsync(NewSecret(user, OneTimeSecretKind.Otp, now.AddMinutes(-5), now.AddMinutes(5)));
        await AddAsync(NewSecret(user, OneTimeSecretKind.Otp, now.AddMinutes(-20), now.AddMinutes(-10)));
        await AddAsync(NewSecret(user, OneTimeSecretKind.MagicLink, now, now.AddMinutes(10)));

        Assert.Equal(2, await Database.UseAsync<IOneTimeSecretStore, int>(s => s.CountCreatedSinceAsync(user.Emails[0].EmailId, OneTimeSecretKind.Otp, now.AddMinutes(-5), Cancel)));
    }

    [Fact]
    public async Task Consuming_all_of_a_kind_consumes_only_the_live_ones_of_that_method_and_kind()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var first = await AddAsync(NewSecret(user, OneTimeSecretKind.PasswordReset, now, now.AddMinutes(10)));
        var second = await AddAsync(NewSecret(user, OneTimeSecretKind.PasswordReset, now, now.AddMinutes(10)));
        var expired = await AddAsync(NewSecret(user, OneTimeSecretKind.PasswordReset, now.AddMinutes(-10), now));
        var otherKind = await AddAsync(NewSecret(user, OneTimeSecretKind.MagicLink, now, now.AddMinutes(10)));

        Assert.Equal(2, await Database.UseAsync<IOneTimeSecretStore, int>(s => s.ConsumeAllAsync(user.Emails[0].EmailId, OneTimeSecretKind.PasswordReset, now, Cancel)));

        Assert.NotNull((await FindAsync(first))!.ConsumedAt);
        Assert.NotNull((await FindAsync(second))!.ConsumedAt);
        Assert.Null((await FindAsync(expired))!.ConsumedAt);
        Assert.Null((await FindAsync(otherKind))!.ConsumedAt);
    }

    private static OneTimeSecret NewSecret(User user, OneTimeSecretKind kind, DateTime createdAt, DateTime expiresAt) => new()
    {
        Id = Rows.Id(kind == OneTimeSecretKind.Otp ? PrefixedId.Otp : PrefixedId.MagicLink),
        Kind = kind,
        UserId = user.UserId,
        MethodId = user.Emails[0].EmailId,
        SecretHash = Rows.Bytes(),
        CreatedAt = createdAt,
        ExpiresAt = expiresAt,
    };

    private async Task<OneTimeSecret> AddAsync(OneTimeSecret secret)
    {
        await Database.UseAsync<IOneTimeSecretStore>(s => s.AddAsync(secret, Cancel));
        return secret;
    }

    private Task<OneTimeSecret?> FindAsync(OneTimeSecret secret) =>
        Database.UseAsync<IOneTimeSecretStore, OneTimeSecret?>(s => s.FindByHashAsync(secret.SecretHash, Cancel));
}

public sealed class OneTimeSecretStoreOnSqlite(SqliteStores database) : OneTimeSecretStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class OneTimeSecretStoreOnPostgres(PostgresStores database) : OneTimeSecretStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
