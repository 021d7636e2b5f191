using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>
/// One Godwit on a fake clock with low send limits, for tests of expiry edges and rate limits.
/// Tests move the clock forward only, and each uses its own addresses.
/// </summary>
public abstract class SendLimitGodwit : ClockedGodwit
{
    public const int MaxSendsPerMinute = 3;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Godwit:MagicLinks:MaxSendsPerMinute"] = $"{MaxSendsPerMinute}",
        ["Godwit:Otps:MaxSendsPerMinute"] = $"{MaxSendsPerMinute}",
    };
}

public sealed class SendLimitSqliteGodwit : SendLimitGodwit
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class SendLimitPostgresGodwit : SendLimitGodwit
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
