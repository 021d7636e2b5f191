using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.Time.Testing;
using static Godwit.Server.Tests.Events.EventLogReader;

namespace Godwit.Server.Tests.Events;

/// <summary>The pruner deletes events older than Godwit:Events:RetentionDays, and only those.</summary>
public abstract class EventRetentionContract
{
    protected abstract ClockedGodwit Godwit { get; }

    private FakeTimeProvider Clock => Godwit.Clock;

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task Events_older_than_the_retention_are_pruned_and_younger_ones_kept()
    {
        var old = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail("old") })).Text("user_id");
        Clock.Advance(TimeSpan.FromHours(12));
        var young = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail("young") })).Text("user_id");

        // A day and a pruner interval after the first: the first is past the retention, the second is not.
        Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(10));
        var pruned = await EventuallyAsync(async () => (await OfUserAsync(Client, old)).Count == 0);
        var kept = await OfUserAsync(Client, young);

        Assert.True(pruned, "The old user's events were not pruned.");
        Assert.Equal(["user.created"], Types(kept));
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return false;
    }
}

public sealed class OneDayRetentionSqliteGodwit : ClockedGodwit
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Godwit:Events:RetentionDays"] = "1" };

    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class OneDayRetentionPostgresGodwit : ClockedGodwit
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Godwit:Events:RetentionDays"] = "1" };

    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}

public sealed class EventRetentionOnSqlite(OneDayRetentionSqliteGodwit godwit) : EventRetentionContract, IClassFixture<OneDayRetentionSqliteGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}

public sealed class EventRetentionOnPostgres(OneDayRetentionPostgresGodwit godwit) : EventRetentionContract, IClassFixture<OneDayRetentionPostgresGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}

public sealed class EventRetentionSettingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    public async Task A_retention_outside_1_to_3650_days_stops_the_server_at_startup(string days)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Settings = new Dictionary<string, string?> { ["Godwit:Events:RetentionDays"] = days } });
        });

        Assert.Contains("Godwit:Events:RetentionDays", failure.ToString(), StringComparison.Ordinal);
    }
}
