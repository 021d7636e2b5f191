using System.Text.Json;
using Godwit.Contracts.Users;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Server.Users;

internal static class UserWireMapper
{
    private static readonly IReadOnlyList<JsonElement> None = [];

    public static UserWire ToWire(User user) => new(
        user.UserId,
        user.Emails.OrderBy(e => e.CreatedAt).ThenBy(e => e.EmailId, StringComparer.Ordinal).Select(e => new EmailWire(e.EmailId, e.Address, e.Verified)).ToList(),
        user.Status == UserStatus.Active ? "active" : "pending",
        user.Phones.OrderBy(p => p.CreatedAt).ThenBy(p => p.PhoneId, StringComparer.Ordinal).Select(p => new PhoneNumberWire(p.PhoneId, p.Number, p.Verified)).ToList(),
        None,
        None,
        None,
        None,
        None,
        IsLocked: false,
        Roles: ["stytch_user"],
        new NameWire(user.FirstName ?? "", user.MiddleName ?? "", user.LastName ?? ""),
        SessionJwts.Rfc3339(user.CreatedAt),
        Password: null,
        Metadata.Parse(user.TrustedMetadata),
        Metadata.Parse(user.UntrustedMetadata),
        user.ExternalId,
        LockCreatedAt: null,
        LockExpiresAt: null);
}
