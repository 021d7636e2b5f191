using Godwit.Core.Security;
using Godwit.Core.Tests.Support;

namespace Godwit.Core.Tests.Security;

/// <summary>IBudgetStore's windows over a real database: a window runs from its first use for its length.</summary>
public sealed class BudgetWindowTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private const int Limit = 3;

    [Fact]
    public async Task A_spent_budget_refuses_until_its_window_ends_and_then_starts_a_new_one()
    {
        var key = NewKey();
        var started = core.Now;
        for (var i = 0; i < Limit; i++)
        {
            Assert.True((await TakeAsync(key)).Granted);
            core.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(new BudgetAnswer(false, started + Window - core.Now), await TakeAsync(key));

        core.Clock.Advance(started + Window - TimeSpan.FromSeconds(1) - core.Now);
        Assert.Equal(new BudgetAnswer(false, TimeSpan.FromSeconds(1)), await TakeAsync(key));

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < Limit; i++)
        {
            Assert.True((await TakeAsync(key)).Granted);
        }

        // The new window began at the first use after the old one ended.
        Assert.Equal(new BudgetAnswer(false, Window), await TakeAsync(key));
    }

    [Fact]
    public async Task A_use_given_back_can_be_taken_again_in_the_same_window()
    {
        var key = NewKey();
        for (var i = 0; i < Limit; i++)
        {
            await TakeAsync(key);
        }

        await core.CallAsync<IBudgetStore, bool>(async budgets => { await budgets.GiveBackAsync(key, None); return true; });

        Assert.True((await TakeAsync(key)).Granted);
        Assert.False((await TakeAsync(key)).Granted);
    }

    [Fact]
    public async Task Budgets_whose_window_began_before_the_cut_off_are_pruned_and_start_afresh()
    {
        var old = NewKey();
        for (var i = 0; i < Limit; i++)
        {
            await TakeAsync(old);
        }

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        var recent = NewKey();
        await TakeAsync(recent);

        var pruned = await core.CallAsync<IBudgetStore, int>(budgets => budgets.PruneAsync(core.Now, None));

        Assert.True(pruned >= 1);
        Assert.True((await TakeAsync(old)).Granted);
        // A window beginning exactly at the cut-off is kept.
        for (var i = 1; i < Limit; i++)
        {
            await TakeAsync(recent);
        }

        Assert.False((await TakeAsync(recent)).Granted);
    }

    private static string NewKey() => $"test:{Guid.NewGuid():N}";

    private Task<BudgetAnswer> TakeAsync(string key) =>
        core.CallAsync<IBudgetStore, BudgetAnswer>(budgets => budgets.TryTakeAsync(key, Limit, Window, core.Now, None));
}
