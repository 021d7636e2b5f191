namespace Godwit.Contracts.Rbac;

/// <summary><c>GET /v1/rbac/policy</c>: the project's roles, resources and scopes.</summary>
public sealed record RbacPolicyResponse(RbacPolicyWire Policy) : ApiResponse;

public sealed record RbacPolicyWire(
    IReadOnlyList<RbacRoleWire> Roles,
    IReadOnlyList<RbacResourceWire> Resources,
    IReadOnlyList<RbacScopeWire> Scopes);

public sealed record RbacRoleWire(string RoleId, string Description, IReadOnlyList<RbacPermissionWire> Permissions);

public sealed record RbacResourceWire(string ResourceId, string Description, IReadOnlyList<string> Actions);

public sealed record RbacPermissionWire(string ResourceId, IReadOnlyList<string> Actions);

public sealed record RbacScopeWire(string Scope, string Description, IReadOnlyList<RbacPermissionWire> Permissions);
