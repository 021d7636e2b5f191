namespace Godwit.Core.Rbac;

/// <summary>May the session's user perform <see cref="Action"/> on <see cref="ResourceId"/>? Asked on session authenticate.</summary>
public sealed record AuthorizationCheck(string ResourceId, string Action);
