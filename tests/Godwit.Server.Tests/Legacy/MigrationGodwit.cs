using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// A legacy system and a Godwit migrating from it. Shared by the tests of one class, which each use
/// their own emails and tokens; its circuit breakers never open (the resilience tests have their own).
/// </summary>
public abstract class MigrationGodwit : IAsyncLifetime
{
    private GodwitHost? host;

    internal LegacySystem Legacy { get; private set; } = null!;

    public GodwitHost Host => PostgresGodwit.Require(host);

    public async ValueTask InitializeAsync()
    {
        Legacy = await LegacySystem.StartAsync();
        var settings = new Dictionary<string, string?>(Settings(Legacy))
        {
            ["Godwit:Migration:CircuitBreaker:MinimumThroughput"] = "100000",
        };
        host = await StartAsync(new GodwitHostOptions { Settings = settings, Clock = Clock });
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await Legacy.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The host's clock, or null for the system clock.</summary>
    public virtual FakeTimeProvider? Clock => null;

    internal abstract IReadOnlyDictionary<string, string?> Settings(LegacySystem legacy);

    protected abstract Task<GodwitHost?> StartAsync(GodwitHostOptions options);

    /// <summary>Both legacy hooks: the password hook and the session hook.</summary>
    internal static Dictionary<string, string?> HookSettings(LegacySystem legacy) => new()
    {
        ["Godwit:Migration:LegacyPasswordHook"] = legacy.PasswordHookUrl.ToString(),
        ["Godwit:Migration:LegacyPasswordHookSecret"] = LegacySystem.PasswordHookSecret,
        ["Godwit:Migration:LegacySessionHook"] = legacy.SessionHookUrl.ToString(),
        ["Godwit:Migration:LegacySessionHookSecret"] = LegacySystem.SessionHookSecret,
    };

    /// <summary>Both legacy hooks and the user lookup hook.</summary>
    internal static Dictionary<string, string?> LookupSettings(LegacySystem legacy) => new(HookSettings(legacy))
    {
        ["Godwit:Migration:LegacyUserLookupHook"] = legacy.UserLookupHookUrl.ToString(),
        ["Godwit:Migration:LegacyUserLookupHookSecret"] = LegacySystem.UserLookupHookSecret,
    };

    /// <summary>An OIDC legacy system: UserInfo for opaque tokens, the JWKS for JWTs.</summary>
    internal static Dictionary<string, string?> OidcSettings(LegacySystem legacy) => new()
    {
        ["Godwit:Migration:UserInfoUrl"] = legacy.UserInfoUrl.ToString(),
        ["Godwit:Migration:LegacyJwksUrl"] = legacy.JwksUrl.ToString(),
        ["Godwit:Migration:LegacyJwtIssuer"] = LegacySystem.Issuer,
        ["Godwit:Migration:LegacyJwtAudience"] = LegacySystem.Audience,
    };
}

public sealed class HookSqliteGodwit : MigrationGodwit
{
    internal override IReadOnlyDictionary<string, string?> Settings(LegacySystem legacy) => HookSettings(legacy);

    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class HookPostgresGodwit : MigrationGodwit
{
    internal override IReadOnlyDictionary<string, string?> Settings(LegacySystem legacy) => HookSettings(legacy);

    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}

/// <summary>The password and session hooks, and the user lookup hook.</summary>
public sealed class LookupSqliteGodwit : MigrationGodwit
{
    internal override IReadOnlyDictionary<string, string?> Settings(LegacySystem legacy) => LookupSettings(legacy);

    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class LookupPostgresGodwit : MigrationGodwit
{
    internal override IReadOnlyDictionary<string, string?> Settings(LegacySystem legacy) => LookupSettings(legacy);

    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}

/// <summary>On a fake clock, so tests can step over a legacy JWT's expiry exactly.</summary>
public sealed class OidcSqliteGodwit : MigrationGodwit
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public override FakeTimeProvider Clock => clock;

    internal override IReadOnlyDictionary<string, string?> Settings(LegacySystem legacy) => OidcSettings(legacy);

    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class OidcPostgresGodwit : MigrationGodwit
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public override FakeTimeProvider Clock => clock;

    internal override IReadOnlyDictionary<string, string?> Settings(LegacySystem legacy) => OidcSettings(legacy);

    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
