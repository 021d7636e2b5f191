using Godwit.Core.Totps;
using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;

namespace Godwit.Storage.Tests.Totps;

/// <summary>What callers of <see cref="ITotpStore"/> rely on, under parallel requests, the same on every database.</summary>
public abstract class TotpStoreContract
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_attempts_count_no_more_than_the_limit_and_the_refused_learn_when_the_window_ends()
    {
        var totp = await AddTotpAsync(verified: true);
        var now = Rows.Now;

        var answers = await Database.RaceAsync<ITotpStore, DateTime?>(10, (s, _) => s.TryCountAttemptAsync(totp.TotpId, 4, Window, now, Cancel));

        Assert.Equal(4, answers.Count(a => a is null));
        Assert.All(answers.Where(a => a is not null), a => Assert.Equal(now.Add(Window), a));
    }

    [Fact]
    public async Task An_attempt_after_the_window_starts_a_new_one()
    {
        var totp = await AddTotpAsync(verified: true);
        var start = Rows.Now;
        Assert.Null(await CountAsync(totp, 1, start));
        Assert.Equal(start.Add(Window), await CountAsync(totp, 1, start.AddMinutes(4)));

        var later = start.Add(Window);
        Assert.Null(await CountAsync(totp, 1, later));
        Assert.Equal(later.Add(Window), await CountAsync(totp, 1, later.AddMinutes(1)));
    }

    [Fact]
    public async Task Cleared_attempts_are_forgotten()
    {
        var totp = await AddTotpAsync(verified: true);
        var now = Rows.Now;
        Assert.Null(await CountAsync(totp, 1, now));

        await Database.UseAsync<ITotpStore>(s => s.ClearAttemptsAsync(totp.TotpId, Cancel));

        Assert.Null(await CountAsync(totp, 1, now));
    }

    [Fact]
    public async Task Of_parallel_uses_of_one_code_exactly_one_is_accepted_and_the_totp_is_then_verified()
    {
        var totp = await AddTotpAsync(verified: false);
        var now = Rows.Now;
        Assert.Null(await CountAsync(totp, 5, now));

        var accepted = await Database.RaceAsync<ITotpStore, bool>(8, (s, _) => s.TryAcceptStepAsync(totp.TotpId, 1000, now, Cancel));

        Assert.Single(accepted, a => a);
        var stored = await ReadAsync(totp);
        Assert.Equal((true, (DateTime?)null, 1000L, 0, (DateTime?)null), (stored.Verified, stored.ExpiresAt, stored.LastUsedStep, stored.FailedAttempts, stored.AttemptWindowStartedAt));
    }

    [Fact]
    public async Task A_code_of_an_earlier_step_is_refused_after_a_later_one_was_accepted()
    {
        var totp = await AddTotpAsync(verified: true);
        var now = Rows.Now;

        Assert.True(await AcceptAsync(totp, 2000, now));
        Assert.False(await AcceptAsync(totp, 1999, now));
        Assert.True(await AcceptAsync(totp, 2001, now));
    }

    [Fact]
    public async Task An_unconfirmed_totp_past_its_expiry_accepts_no_code()
    {
        var totp = await AddTotpAsync(verified: false);

        Assert.False(await AcceptAsync(totp, 1, totp.ExpiresAt!.Value));
        Assert.False((await ReadAsync(totp)).Verified);
    }

    [Fact]
    public async Task Of_parallel_uses_of_one_recovery_code_exactly_one_succeeds_and_it_is_no_longer_listed()
    {
        var totp = await AddTotpAsync(verified: true, recoveryCodes: 3);
        var used = totp.RecoveryCodes[1];
        var now = Rows.Now;

        var results = await Database.RaceAsync<ITotpStore, bool>(8, (s, _) => s.TryUseRecoveryCodeAsync(used.RecoveryCodeId, now, Cancel));

        Assert.Single(results, r => r);
        var unused = await Database.UseAsync<ITotpStore, IReadOnlyList<TotpRecoveryCode>>(s => s.ListUnusedRecoveryCodesAsync([totp.TotpId, Rows.Id(PrefixedId.Totp)], Cancel));
        Assert.Equal(
            totp.RecoveryCodes.Where(c => c != used).Select(c => c.RecoveryCodeId).Order(StringComparer.Ordinal),
            unused.Select(c => c.RecoveryCodeId));
        Assert.Empty(await Database.UseAsync<ITotpStore, IReadOnlyList<TotpRecoveryCode>>(s => s.ListUnusedRecoveryCodesAsync([], Cancel)));
    }

    [Fact]
    public async Task A_totp_names_its_owner()
    {
        var totp = await AddTotpAsync(verified: true);

        Assert.Equal(totp.UserId, await Database.UseAsync<ITotpStore, string?>(s => s.FindOwnerAsync(totp.TotpId, Cancel)));
        Assert.Null(await Database.UseAsync<ITotpStore, string?>(s => s.FindOwnerAsync(Rows.Id(PrefixedId.Totp), Cancel)));
    }

    private async Task<UserTotp> AddTotpAsync(bool verified, int recoveryCodes = 0)
    {
        var user = Rows.User(Rows.Email());
        var totp = Rows.Totp(user.UserId, verified, Rows.Now);
        for (var i = 0; i < recoveryCodes; i++)
        {
            totp.RecoveryCodes.Add(Rows.RecoveryCode(totp.TotpId));
        }

        user.Totps.Add(totp);
        await Database.AddAsync(user);
        return totp;
    }

    private Task<DateTime?> CountAsync(UserTotp totp, int maxAttempts, DateTime now) =>
        Database.UseAsync<ITotpStore, DateTime?>(s => s.TryCountAttemptAsync(totp.TotpId, maxAttempts, Window, now, Cancel));

    private Task<bool> AcceptAsync(UserTotp totp, long step, DateTime now) =>
        Database.UseAsync<ITotpStore, bool>(s => s.TryAcceptStepAsync(totp.TotpId, step, now, Cancel));

    private async Task<UserTotp> ReadAsync(UserTotp totp) =>
        (await Database.UseAsync<IUserStore, User?>(s => s.FindForReadingAsync(totp.UserId, Cancel)))!.Totps.Single(t => t.TotpId == totp.TotpId);
}

public sealed class TotpStoreOnSqlite(SqliteStores database) : TotpStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class TotpStoreOnPostgres(PostgresStores database) : TotpStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
