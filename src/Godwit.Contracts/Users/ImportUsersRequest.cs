using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Godwit.Contracts.Users;

/// <summary>Bulk Import's body: up to a thousand users; with <c>upsert</c>, a user already there is updated.</summary>
public sealed record ImportUsersRequest(IReadOnlyList<ImportUserRow> Users, bool Upsert);

/// <summary>One user of a Bulk Import: Create User's fields, the verified flags, and optionally a legacy hash and a TOTP.</summary>
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
    /// At most one TOTP the user set up in another system, stored verified and sealed, for a user
    /// the import creates; a user it matches keeps the second factors they have.
    /// </summary>
    public IReadOnlyList<ImportedTotpWire>? Totps { get; init; }

    /// <summary>
    /// The social and OpenID accounts linked to the user, in the shape of the user's own
    /// <c>providers</c> entries: each becomes an OAuth registration, so the user's next login with
    /// that account lands in this user.
    /// </summary>
    public IReadOnlyList<ImportedProviderWire>? Providers { get; init; }

    /// <summary>
    /// The legacy hash's fields (<c>hash_type</c>, <c>hash</c>, its config) at the row's top level, in
    /// the shape of <see cref="Passwords.MigratedHashWire"/>.
    /// </summary>
    /// <remarks>Settable rather than init-only: System.Text.Json cannot bind extension data through an initializer.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? PasswordHash { get; set; }
}

/// <summary>
/// A TOTP brought from another system: its secret in base32 (80 to 512 bits) and, optionally, the
/// recovery codes it had (8 to 64 letters, digits and dashes each).
/// </summary>
public sealed record ImportedTotpWire(string Secret, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>
/// A linked provider account: <c>provider_type</c> as Stytch spells it (<c>Google</c>, <c>Github</c>,
/// any case) or a generic OIDC provider's configured name, and the provider's id for the person.
/// </summary>
public sealed record ImportedProviderWire(string ProviderType, string ProviderSubject, string? ProfilePictureUrl = null, string? Locale = null);
