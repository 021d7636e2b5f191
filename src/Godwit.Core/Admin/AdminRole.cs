using Godwit.Core.Users;

namespace Godwit.Core.Admin;

/// <summary>
/// The role that lets a user sign in to the admin console. It lives in the user's stored roles like
/// any other, but only <c>godwit admin create</c> grants it: the API refuses to name it
/// (<c>reserved_role</c>), keeps it through updates, and never shows it, so neither a backend nor a
/// session JWT can grant, remove or even see console access.
/// </summary>
public static class AdminRole
{
    public const string Id = "godwit_admin";

    public static bool IsAdmin(User user) => user.Roles.Contains(Id, StringComparer.Ordinal);

    /// <summary>The roles an update settles on, with the console role kept when the user held it.</summary>
    public static List<string> KeptThrough(User user, List<string> requested) =>
        IsAdmin(user) ? [.. requested.Where(role => role != Id).Append(Id).Order(StringComparer.Ordinal)] : requested;
}
