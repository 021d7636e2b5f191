using System.Globalization;
using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// A Godwit and its legacy system both running: the legacy system decides passwords until
/// <see cref="CutOver"/>, on a clock that moves only when a test moves it.
/// </summary>
public abstract class OverlapGodwit(TimeSpan untilCutOver) : MigrationGodwit
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public override FakeTimeProvider Clock => clock;

    public DateTimeOffset CutOver => clock.Start + untilCutOver;

    internal override IReadOnlyDictionary<string, string?> Settings(LegacySystem legacy) => new Dictionary<string, string?>(HookSettings(legacy))
    {
        ["Godwit:Migration:LegacyAuthoritativeUntil"] = CutOver.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };
}

/// <summary>The cut-over a month away: its tests never reach it.</summary>
public sealed class OverlapSqliteGodwit() : OverlapGodwit(TimeSpan.FromDays(30))
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class OverlapPostgresGodwit() : OverlapGodwit(TimeSpan.FromDays(30))
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}

/// <summary>
/// The cut-over two minutes away, so a test can step over it while the legacy hook still accepts
/// the signatures' timestamps (it refuses those five minutes away from its own clock).
/// </summary>
public sealed class CutOverSqliteGodwit() : OverlapGodwit(TimeSpan.FromMinutes(2))
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class CutOverPostgresGodwit() : OverlapGodwit(TimeSpan.FromMinutes(2))
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
