namespace Godwit.Core.Rbac;

/// <summary>
/// The project's RBAC policy, bound from <c>Godwit:Rbac</c>: what Stytch keeps on its dashboard's
/// RBAC page. Roles are assigned to users through Create User and Update User (<c>roles</c>).
/// </summary>
public sealed class RbacOptions
{
    public const string SectionName = "Godwit:Rbac";

    public List<RbacResourceOptions> Resources { get; set; } = [];

    public List<RbacRoleOptions> Roles { get; set; } = [];

    /// <summary>The first configuration mistake, in one line, or null when the policy is usable.</summary>
    public string? Problem()
    {
        var resources = new Dictionary<string, RbacResourceOptions>(StringComparer.Ordinal);
        foreach (var resource in Resources)
        {
            if (!IsIdentifier(resource.ResourceId))
            {
                return $"{SectionName}:Resources has a resource with an empty or malformed ResourceId '{resource.ResourceId}' (letters, digits, '.', '_', '-', ':' only).";
            }

            if (resource.ResourceId.StartsWith("stytch", StringComparison.Ordinal))
            {
                return $"{SectionName}:Resources: resource '{resource.ResourceId}' may not start with 'stytch', which Stytch reserves.";
            }

            if (!resources.TryAdd(resource.ResourceId, resource))
            {
                return $"{SectionName}:Resources names resource '{resource.ResourceId}' twice.";
            }

            if (resource.Actions.Count == 0 || resource.Actions.Any(a => !IsIdentifier(a) && a != "*"))
            {
                return $"{SectionName}:Resources: resource '{resource.ResourceId}' needs at least one action, each a non-empty name.";
            }

            if (resource.Actions.Contains("*") || resource.Actions.Distinct(StringComparer.Ordinal).Count() != resource.Actions.Count)
            {
                return $"{SectionName}:Resources: resource '{resource.ResourceId}' lists an action twice or lists '*', which only a role's permission may use.";
            }
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in Roles)
        {
            if (!IsIdentifier(role.RoleId))
            {
                return $"{SectionName}:Roles has a role with an empty or malformed RoleId '{role.RoleId}' (letters, digits, '.', '_', '-', ':' only).";
            }

            if (role.RoleId.StartsWith("stytch", StringComparison.Ordinal) && role.RoleId != RbacPolicy.DefaultRole)
            {
                return $"{SectionName}:Roles: role '{role.RoleId}' may not start with 'stytch'; only '{RbacPolicy.DefaultRole}' is predefined.";
            }

            if (role.RoleId == Admin.AdminRole.Id)
            {
                return $"{SectionName}:Roles: role '{role.RoleId}' is reserved for the admin console (godwit admin create grants it).";
            }

            if (!roles.Add(role.RoleId))
            {
                return $"{SectionName}:Roles names role '{role.RoleId}' twice.";
            }

            foreach (var permission in role.Permissions)
            {
                if (!resources.TryGetValue(permission.ResourceId, out var resource))
                {
                    return $"{SectionName}:Roles: role '{role.RoleId}' has a permission on unknown resource '{permission.ResourceId}'.";
                }

                if (permission.Actions.Count == 0)
                {
                    return $"{SectionName}:Roles: role '{role.RoleId}' has a permission on '{permission.ResourceId}' with no actions.";
                }

                if (permission.Actions.FirstOrDefault(a => a != "*" && !resource.Actions.Contains(a)) is { } unknown)
                {
                    return $"{SectionName}:Roles: role '{role.RoleId}' names action '{unknown}', which resource '{permission.ResourceId}' does not have.";
                }
            }
        }

        return null;
    }

    private static bool IsIdentifier(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':');
}

public sealed class RbacResourceOptions
{
    public string ResourceId { get; set; } = "";

    public string Description { get; set; } = "";

    public List<string> Actions { get; set; } = [];
}

public sealed class RbacRoleOptions
{
    public string RoleId { get; set; } = "";

    public string Description { get; set; } = "";

    public List<RbacPermissionOptions> Permissions { get; set; } = [];
}

public sealed class RbacPermissionOptions
{
    public string ResourceId { get; set; } = "";

    /// <summary>Actions of the resource, or <c>*</c> for all of them.</summary>
    public List<string> Actions { get; set; } = [];
}
