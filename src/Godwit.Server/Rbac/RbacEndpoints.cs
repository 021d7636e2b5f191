using Godwit.Contracts.Rbac;
using Godwit.Core.Rbac;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;

namespace Godwit.Server.Rbac;

internal static class RbacEndpoints
{
    public static void MapRbacApi(this RouteGroupBuilder v1) => v1.MapGet("/rbac/policy", PolicyAsync).Returns<RbacPolicyResponse>();

    private static async Task<IResult> PolicyAsync(HttpRequest request, RbacPolicy policy, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        // Consumer projects have no scopes to configure here; Stytch's shape still carries the array.
        return ApiResults.Ok(new RbacPolicyResponse(new RbacPolicyWire(
            policy.Roles.Select(role => new RbacRoleWire(
                role.RoleId,
                role.Description,
                role.Permissions.Select(p => new RbacPermissionWire(p.ResourceId, p.Actions)).ToList())).ToList(),
            policy.Resources.Select(resource => new RbacResourceWire(resource.ResourceId, resource.Description, resource.Actions)).ToList(),
            [])));
    }
}
