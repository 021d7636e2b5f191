using Godwit.Core.Security;
using Godwit.Storage.Tests.Support;

namespace Godwit.Storage.Tests.Security;

/// <summary>What callers of <see cref="IBudgetStore"/> rely on, under parallel requests, the same on every database.</summary>
public abstract class BudgetStoreContract
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_uses_never_take_more_than_the_limit()
    {
        var key = Key();
        var now = Rows.Now;

        var answers = await Database.RaceAsync<IBudgetStore, BudgetAnswer>(16, (s, _) => s.TryTakeAsync(key, 5, Window, now, Cancel));

        Assert.Equal(5, answers.Count(a => a.Granted));
        Assert.All(answers.Where(a => !a.Granted), a => Assert.Equal(Window, a.RetryAfter));
    }

    [Fact]
    public async Task A_refused_use_is_told_when_the_window_ends()
    {
        var key = Key();
        var start = Rows.Now;
        await TakeAsync(key, 1, start);

        var refused = await TakeAsync(key, 1, start.AddMinutes(4));

        Assert.Equal(new BudgetAnswer(false, TimeSpan.FromMinutes(6)), refused);
    }

    [Fact]
    public async Task A_window_that_has_run_out_starts_afresh()
    {
        var key = Key();
        var start = Rows.Now;
        Assert.True((await TakeAsync(key, 2, start)).Granted);
        Assert.True((await TakeAsync(key, 2, start.AddMinutes(1))).Granted);
        Assert.False((await TakeAsync(key, 2, start.AddMinutes(9))).Granted);

        var later = start.Add(Window);
        Assert.True((await TakeAsync(key, 2, later)).Granted);
        Assert.True((await TakeAsync(key, 2, later.AddMinutes(1))).Granted);
        Assert.Equal(new BudgetAnswer(false, TimeSpan.FromMinutes(8)), await TakeAsync(key, 2, later.AddMinutes(2)));
    }

    [Fact]
    public async Task A_use_given_back_can_be_taken_again_and_an_unused_budget_gives_nothing_back()
    {
        var key = Key();
        var now = Rows.Now;
        await Database.UseAsync<IBudgetStore>(s => s.GiveBackAsync(key, Cancel));
        Assert.True((await TakeAsync(key, 1, now)).Granted);
        await Database.UseAsync<IBudgetStore>(s => s.GiveBackAsync(key, Cancel));
        await Database.UseAsync<IBudgetStore>(s => s.GiveBackAsync(key, Cancel));

        Assert.True((await TakeAsync(key, 1, now)).Granted);
        Assert.False((await TakeAsync(key, 1, now)).Granted);
    }

    [Fact]
    public async Task Pruning_deletes_only_budgets_whose_window_began_before_the_instant()
    {
        // Instants long past, which no other test of this class uses, so the count is this test's own.
        var epoch = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var old = Key();
        var older = Key();
        var recent = Key();
        await TakeAsync(older, 1, epoch.AddDays(-2));
        await TakeAsync(old, 1, epoch.AddDays(-1));
        await TakeAsync(recent, 1, epoch);

        Assert.Equal(2, await Database.UseAsync<IBudgetStore, int>(s => s.PruneAsync(epoch, Cancel)));

        Assert.True((await TakeAsync(old, 1, epoch)).Granted);
        Assert.False((await TakeAsync(recent, 1, epoch)).Granted);
    }

    private static string Key() => $"test-budget:{Guid.NewGuid():N}";

    private Task<BudgetAnswer> TakeAsync(string key, int limit, DateTime now) =>
        Database.UseAsync<IBudgetStore, BudgetAnswer>(s => s.TryTakeAsync(key, limit, Window, now, Cancel));
}

public sealed class BudgetStoreOnSqlite(SqliteStores database) : BudgetStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class BudgetStoreOnPostgres(PostgresStores database) : BudgetStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
