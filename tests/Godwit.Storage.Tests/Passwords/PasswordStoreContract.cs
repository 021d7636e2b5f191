using Godwit.Core.Passwords;
using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;

namespace Godwit.Storage.Tests.Passwords;

/// <summary>What callers of <see cref="IPasswordStore"/> rely on, under parallel requests, the same on every database.</summary>
public abstract class PasswordStoreContract
{
    private const int Threshold = 3;

    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_guesses_never_reserve_more_than_the_threshold()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;

        var reserved = await Database.RaceAsync<IPasswordStore, bool>(12, (s, _) => s.TryReserveGuessAsync(user.UserId, Threshold, now, Cancel));

        Assert.Equal(Threshold, reserved.Count(r => r));
        Assert.Equal(Threshold, (await ReadAsync(user.UserId)).FailedAuthentications);
    }

    [Fact]
    public async Task A_locked_user_gets_no_guess_until_the_lock_has_expired()
    {
        var user = Rows.User(Rows.Email());
        var now = Rows.Now;
        user.LockExpiresAt = now.AddMinutes(1);
        await Database.AddAsync(user);

        Assert.False(await Database.UseAsync<IPasswordStore, bool>(s => s.TryReserveGuessAsync(user.UserId, Threshold, now, Cancel)));
        Assert.True(await Database.UseAsync<IPasswordStore, bool>(s => s.TryReserveGuessAsync(user.UserId, Threshold, now.AddMinutes(1), Cancel)));
    }

    [Fact]
    public async Task A_released_guess_is_given_back_and_the_count_never_goes_below_zero()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        await Database.UseAsync<IPasswordStore, bool>(s => s.TryReserveGuessAsync(user.UserId, Threshold, now, Cancel));

        await Database.UseAsync<IPasswordStore>(s => s.ReleaseGuessAsync(user.UserId, Cancel));
        await Database.UseAsync<IPasswordStore>(s => s.ReleaseGuessAsync(user.UserId, Cancel));

        Assert.Equal(0, (await ReadAsync(user.UserId)).FailedAuthentications);
    }

    [Fact]
    public async Task Of_parallel_wrong_guesses_at_the_threshold_exactly_one_sets_the_lock_and_counting_starts_afresh()
    {
        var user = Rows.User(Rows.Email());
        user.FailedAuthentications = Threshold;
        await Database.AddAsync(user);
        var now = Rows.Now;
        var until = now.AddHours(1);

        var locked = await Database.RaceAsync<IPasswordStore, bool>(6, (s, _) => s.LockIfThresholdReachedAsync(user.UserId, Threshold, now, until, null, Cancel));

        Assert.Single(locked, l => l);
        var stored = await ReadAsync(user.UserId);
        Assert.Equal((0, now, until), (stored.FailedAuthentications, stored.LockCreatedAt, stored.LockExpiresAt));
    }

    [Fact]
    public async Task Below_the_threshold_no_lock_is_set()
    {
        var user = Rows.User(Rows.Email());
        user.FailedAuthentications = Threshold - 1;
        await Database.AddAsync(user);
        var now = Rows.Now;

        Assert.False(await Database.UseAsync<IPasswordStore, bool>(s => s.LockIfThresholdReachedAsync(user.UserId, Threshold, now, now.AddHours(1), null, Cancel)));
        Assert.Null((await ReadAsync(user.UserId)).LockExpiresAt);
    }

    [Fact]
    public async Task Clearing_failures_forgets_them()
    {
        var user = Rows.User(Rows.Email());
        user.FailedAuthentications = 2;
        await Database.AddAsync(user);

        await Database.UseAsync<IPasswordStore>(s => s.ClearFailuresAsync(user.UserId, Cancel));

        Assert.Equal(0, (await ReadAsync(user.UserId)).FailedAuthentications);
    }

    [Fact]
    public async Task Of_parallel_rehashes_of_one_password_exactly_one_replaces_it()
    {
        var user = Rows.User(Rows.Email());
        var password = Rows.Password(user.UserId, Rows.Now);
        user.Password = password;
        await Database.AddAsync(user);
        var now = Rows.Now;

        var replaced = await Database.RaceAsync<IPasswordStore, bool>(6, (s, i) => s.TryReplaceHashAsync(password.PasswordId, password.Hash, "scrypt", $"hash-{i}", now, null, Cancel));

        var winner = Assert.Single(Enumerable.Range(0, replaced.Length), i => replaced[i]);
        var stored = (await ReadAsync(user.UserId)).Password!;
        Assert.Equal(("scrypt", $"hash-{winner}", now), (stored.HashType, stored.Hash, stored.UpdatedAt));
    }

    [Fact]
    public async Task A_password_names_its_owner()
    {
        var user = Rows.User(Rows.Email());
        user.Password = Rows.Password(user.UserId, Rows.Now);
        await Database.AddAsync(user);

        Assert.Equal(user.UserId, await Database.UseAsync<IPasswordStore, string?>(s => s.FindOwnerAsync(user.Password.PasswordId, Cancel)));
        Assert.Null(await Database.UseAsync<IPasswordStore, string?>(s => s.FindOwnerAsync(Rows.Id(PrefixedId.Password), Cancel)));
    }

    private async Task<User> ReadAsync(string userId) =>
        (await Database.UseAsync<IUserStore, User?>(s => s.FindForReadingAsync(userId, Cancel)))!;
}

public sealed class PasswordStoreOnSqlite(SqliteStores database) : PasswordStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class PasswordStoreOnPostgres(PostgresStores database) : PasswordStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
