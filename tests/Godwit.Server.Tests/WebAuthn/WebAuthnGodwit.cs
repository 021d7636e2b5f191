using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.WebAuthn;

/// <summary>
/// A Godwit on a fake clock whose one relying party is <c>localhost</c>, for pages on
/// <see cref="Origin"/>. Tests move the clock forward only and create their own users.
/// </summary>
public abstract class WebAuthnGodwit : ClockedGodwit
{
    public const string Origin = "http://localhost:3000";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Godwit:WebAuthn:RelyingPartyIds:0"] = "localhost",
        ["Godwit:WebAuthn:Origins:0"] = Origin,
    };
}

public sealed class WebAuthnSqliteGodwit : WebAuthnGodwit
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class WebAuthnPostgresGodwit : WebAuthnGodwit
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
