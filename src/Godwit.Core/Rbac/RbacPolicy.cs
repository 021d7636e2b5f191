using Godwit.Core.Errors;

namespace Godwit.Core.Rbac;

/// <summary>
/// The validated policy: the configured roles, with Stytch's predefined <c>stytch_user</c> role
/// (held by every user) added when the configuration does not describe it.
/// </summary>
public sealed class RbacPolicy
{
    public const string DefaultRole = "stytch_user";

    public RbacPolicy(RbacOptions options)
    {
        Resources = options.Resources;
        Roles = options.Roles.Any(r => r.RoleId == DefaultRole)
            ? options.Roles
            : [new RbacRoleOptions { RoleId = DefaultRole, Description = "Granted to every user." }, .. options.Roles];
    }

    public IReadOnlyList<RbacResourceOptions> Resources { get; }

    public IReadOnlyList<RbacRoleOptions> Roles { get; }

    /// <summary>
    /// The roles a client asked to assign, checked against the policy; <c>stytch_user</c> is dropped
    /// because every user holds it anyway, so it is never stored.
    /// </summary>
    public Result<List<string>> ExplicitRoles(IReadOnlyList<string> requested)
    {
        if (requested.Contains(Admin.AdminRole.Id, StringComparer.Ordinal))
        {
            return ErrorCatalog.ReservedRole;
        }

        if (requested.FirstOrDefault(r => Roles.All(known => known.RoleId != r)) is not null)
        {
            return ErrorCatalog.RoleNotFound;
        }

        return requested.Where(r => r != DefaultRole).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The roles among <paramref name="held"/> whose permissions allow the check, in policy order;
    /// empty when none does. A held role the policy no longer has grants nothing, and so does an
    /// unknown resource or action: the same answer the Stytch SDKs' local check gives.
    /// </summary>
    public List<string> GrantingRoles(IReadOnlyList<string> held, AuthorizationCheck check) =>
        Roles
            .Where(role => held.Contains(role.RoleId) && role.Permissions.Any(permission =>
                permission.ResourceId == check.ResourceId && (permission.Actions.Contains(check.Action) || permission.Actions.Contains("*"))))
            .Select(role => role.RoleId)
            .ToList();
}
