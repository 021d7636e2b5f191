using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Integrity;

/// <summary>
/// A Godwit on a fake clock with small hourly send budgets, for the tests of guess and send
/// budgets. Tests move the clock forward only and each uses its own addresses and phone prefixes.
/// </summary>
public abstract class BudgetedGodwit : ClockedGodwit
{
    public const int SendsPerAddressPerHour = 4;
    public const int TextsPerPrefixPerHour = 3;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Godwit:SendLimits:PerAddressPerHour"] = $"{SendsPerAddressPerHour}",
        ["Godwit:SendLimits:PerPhonePrefixPerHour"] = $"{TextsPerPrefixPerHour}",
        // Wide enough that each test's random numbers get a prefix of their own.
        ["Godwit:SendLimits:PhonePrefixDigits"] = "10",
    };
}

public sealed class BudgetedSqliteGodwit : BudgetedGodwit
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class BudgetedPostgresGodwit : BudgetedGodwit
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
