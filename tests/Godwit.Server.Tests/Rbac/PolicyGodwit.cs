using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Rbac;

/// <summary>
/// A Godwit with impersonation on and a small RBAC policy (documents read/write, an editor and a
/// viewer role), on a fake clock. Shared by the impersonation and RBAC suites.
/// </summary>
public abstract class PolicyGodwit : ClockedGodwit
{
    public static IReadOnlyDictionary<string, string?> PolicySettings { get; } = new Dictionary<string, string?>
    {
        ["Godwit:Impersonation:Enabled"] = "true",
        ["Godwit:Rbac:Resources:0:ResourceId"] = "documents",
        ["Godwit:Rbac:Resources:0:Description"] = "Shared documents",
        ["Godwit:Rbac:Resources:0:Actions:0"] = "read",
        ["Godwit:Rbac:Resources:0:Actions:1"] = "write",
        ["Godwit:Rbac:Roles:0:RoleId"] = "editor",
        ["Godwit:Rbac:Roles:0:Description"] = "Edits documents",
        ["Godwit:Rbac:Roles:0:Permissions:0:ResourceId"] = "documents",
        ["Godwit:Rbac:Roles:0:Permissions:0:Actions:0"] = "*",
        ["Godwit:Rbac:Roles:1:RoleId"] = "viewer",
        ["Godwit:Rbac:Roles:1:Description"] = "Reads documents",
        ["Godwit:Rbac:Roles:1:Permissions:0:ResourceId"] = "documents",
        ["Godwit:Rbac:Roles:1:Permissions:0:Actions:0"] = "read",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => PolicySettings;
}

public sealed class PolicySqliteGodwit : PolicyGodwit
{
    protected override async Task<GodwitHost?> StartAsync(GodwitHostOptions options) => await GodwitHost.StartAsync(options);
}

public sealed class PolicyPostgresGodwit : PolicyGodwit
{
    protected override Task<GodwitHost?> StartAsync(GodwitHostOptions options) => PostgresGodwit.StartAsync(options);
}
