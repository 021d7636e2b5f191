using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Integrity;

/// <summary>
/// A Godwit on a fake clock with small hourly send budgets, for the tests of guess and send
/// budgets. Tests move the clock forward only and each uses its own addresses and phone prefixes.
/// </summary>
public abstract class BudgetedGodwit : IAsyncLifetime
{
    public const int SendsPerAddressPerHour = 4;
    public const int TextsPerPrefixPerHour = 3;

    private GodwitHost? host;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public GodwitHost Host => PostgresGodwit.Require(host);

    public async ValueTask InitializeAsync() => host = await StartAsync(new GodwitHostOptions
    {
        Clock = Clock,
        Settings = new Dictionary<string, string?>
        {
            ["Godwit:SendLimits:PerAddressPerHour"] = $"{SendsPerAddressPerHour}",
            ["Godwit:SendLimits:PerPhonePrefixPerHour"] = $"{TextsPerPrefixPerHour}",
            // Wide enough that each test's random numbers get a prefix of their own.
            ["Godwit:SendLimits:PhonePrefixDigits"] = "10",
        },
    });

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task<GodwitHost?> StartAsync(GodwitHostOptions options);
}

public sealed class BudgetedSqliteGodwit : BudgetedGodwit
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class BudgetedPostgresGodwit : BudgetedGodwit
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
