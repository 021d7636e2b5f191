using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Godwit.Contracts.Users;

/// <summary>Bulk Import's body: up to a thousand users; with <c>upsert</c>, a user already there is updated.</summary>
public sealed record ImportUsersRequest(IReadOnlyList<ImportUserRow> Users, bool Upsert);

/// <summary>One user of a Bulk Import: Create User's fields, the verified flags, and optionally a legacy hash.</summary>
public sealed record ImportUserRow
{
    public string? ExternalId { get; init; }

    public string? Email { get; init; }

    public bool? SetEmailVerified { get; init; }

    public string? PhoneNumber { get; init; }

    public bool? SetPhoneNumberVerified { get; init; }

    public NameWire? Name { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }

    /// <summary>
    /// The legacy hash's fields (<c>hash_type</c>, <c>hash</c>, its config) at the row's top level, in
    /// the shape of <see cref="Passwords.MigratedHashWire"/>.
    /// </summary>
    /// <remarks>Settable rather than init-only: System.Text.Json cannot bind extension data through an initializer.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? PasswordHash { get; set; }
}
